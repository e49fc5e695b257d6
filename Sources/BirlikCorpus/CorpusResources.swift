import Foundation

/// Files shipped with the corpus engine.
public enum CorpusResources {
    /// The Kazakh sample corpus (88 documents, CC BY-SA 4.0; see `kk_sample_corpus.LICENSE.txt` beside it).
    public static var sampleCorpus: URL? {
        Bundle.module.url(forResource: "kk_sample_corpus", withExtension: "txt", subdirectory: "Resources/Corpus")
    }
}
