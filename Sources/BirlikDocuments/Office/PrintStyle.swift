/// The stylesheet of Birlik's print-ready pages (A4, Times New Roman as official documents are set),
/// from which headless Chromium prints PDFs. Written without quotes or angle brackets, so HTML escaping
/// leaves it intact.
public enum PrintStyle {
    public static let css = """
        @page { size: A4; margin: 18mm 16mm; }
        body { font-family: Times New Roman, Liberation Serif, DejaVu Serif, serif; font-size: 12pt; color: #111; }
        h1 { text-align: center; font-size: 17pt; margin: 0 0 4pt; }
        .subtitle { text-align: center; font-style: italic; margin-bottom: 14pt; }
        h2 { font-size: 14pt; margin-top: 16pt; border-bottom: 1px solid #888; }
        h3 { font-size: 12.5pt; margin-top: 12pt; page-break-after: avoid; }
        table { border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 10pt; page-break-inside: auto; }
        th, td { border: 1px solid #888; padding: 3pt 4pt; vertical-align: top; text-align: left; }
        th { background: #e8f1f8; }
        tr { page-break-inside: avoid; }
        ul.bullets { margin: 4pt 0; }
        .page-break { page-break-after: always; }
        .note { font-size: 9.5pt; color: #444; }
        .map svg { max-width: 100%; height: auto; }
        .narratives { font-size: 10.5pt; }
        """
}
