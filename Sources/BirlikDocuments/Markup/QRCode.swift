import Foundation

/// A QR Code (ISO/IEC 18004) for a short text such as a link: byte mode, error correction level M,
/// versions 1–10 (up to 213 bytes), the mask with the lowest penalty. The algorithm follows Project
/// Nayuki's QR Code generator (MIT licence). `svg` draws it for a page or a printed receipt.
public struct QRCode: Sendable {
    /// Modules per side.
    public let size: Int
    private var modules: [Bool]
    private var isFunction: [Bool]
    private let version: Int

    /// Error-correction codewords per block and number of blocks at level M, versions 1–10.
    private static let eccPerBlock = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26]
    private static let blocks = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5]

    /// `nil` when the text is longer than version 10 holds at level M.
    public init?(text: String) {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { 4 + ($0 <= 9 ? 8 : 16) + bytes.count * 8 <= QRCode.dataCodewords($0) * 8 }) else { return nil }
        self.version = version
        size = version * 4 + 17
        modules = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
        // The data bits: byte mode, the count, the bytes, a terminator, padding.
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, version <= 9 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        let capacity = QRCode.dataCodewords(version) * 8
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var pad = 0xEC
        while bits.count < capacity { append(pad, 8); pad ^= 0xEC ^ 0x11 }
        var data: [UInt8] = []
        for start in stride(from: 0, to: bits.count, by: 8) {
            data.append(bits[start..<start + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) })
        }
        drawFunctionPatterns()
        drawCodewords(addErrorCorrection(data))
        // The mask with the lowest penalty.
        var best = 0, bestPenalty = Int.max
        for mask in 0..<8 {
            applyMask(mask)
            drawFormatBits(mask)
            let penalty = self.penalty()
            if penalty < bestPenalty { best = mask; bestPenalty = penalty }
            applyMask(mask)
        }
        applyMask(best)
        drawFormatBits(best)
    }

    /// `true` for a dark module.
    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// The code as an SVG element with a four-module quiet zone, dark modules as one path of horizontal runs.
    public func svg(moduleSize: Int = 4, label: String) -> HTMLNode {
        let border = 4, span = size + 2 * border
        var path = ""
        path.reserveCapacity(size * size)
        for y in 0..<size {
            var x = 0
            while x < size {
                guard modules[y * size + x] else { x += 1; continue }
                var end = x + 1
                while end < size, modules[y * size + end] { end += 1 }
                path += "M\(x + border),\(y + border)h\(end - x)v1h-\(end - x)z"
                x = end
            }
        }
        return el("svg", ["xmlns": "http://www.w3.org/2000/svg", "class": "qr", "role": "img", "aria-label": label,
                          "width": String(span * moduleSize), "height": String(span * moduleSize), "viewBox": "0 0 \(span) \(span)",
                          "shape-rendering": "crispEdges"],
                  el("rect", ["width": String(span), "height": String(span), "fill": "#fff"]),
                  el("path", ["d": path, "fill": "#000"]))
    }

    // MARK: Capacity and error correction

    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let align = version / 7 + 2
            result -= (25 * align - 10) * align - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewords(_ version: Int) -> Int {
        rawDataModules(version) / 8 - eccPerBlock[version - 1] * blocks[version - 1]
    }

    private func addErrorCorrection(_ data: [UInt8]) -> [UInt8] {
        let count = QRCode.blocks[version - 1], eccLength = QRCode.eccPerBlock[version - 1]
        let raw = QRCode.rawDataModules(version) / 8
        let shortBlocks = count - raw % count, shortLength = raw / count
        let divisor = QRCode.divisor(degree: eccLength)
        var blocks: [[UInt8]] = [], offset = 0
        for index in 0..<count {
            var block = Array(data[offset..<offset + shortLength - eccLength + (index < shortBlocks ? 0 : 1)])
            offset += block.count
            let ecc = QRCode.remainder(block, divisor)
            if index < shortBlocks { block.append(0) }
            blocks.append(block + ecc)
        }
        var result: [UInt8] = []
        for position in 0..<blocks[0].count {
            for (index, block) in blocks.enumerated() where position != shortLength - eccLength || index >= shortBlocks {
                result.append(block[position])
            }
        }
        return result
    }

    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> i) & 1) * Int(x)
        }
        return UInt8(z & 0xFF)
    }

    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in result.indices { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }

    // MARK: Drawing

    private mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    private mutating func drawFunctionPatterns() {
        for i in 0..<size { set(6, i, i % 2 == 0); set(i, 6, i % 2 == 0) }
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 { for dx in -4...4 where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                let distance = max(abs(dx), abs(dy))
                set(x + dx, y + dy, distance != 2 && distance != 4)
            } }
        }
        let positions = alignmentPositions()
        for (i, a) in positions.enumerated() { for (j, b) in positions.enumerated() {
            if (i == 0 && j == 0) || (i == 0 && j == positions.count - 1) || (i == positions.count - 1 && j == 0) { continue }
            for dy in -2...2 { for dx in -2...2 { set(a + dx, b + dy, max(abs(dx), abs(dy)) != 1) } }
        } }
        drawFormatBits(0)
        if version >= 7 {
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for i in 0..<18 {
                let dark = (bits >> i) & 1 == 1
                let a = size - 11 + i % 3, b = i / 3
                set(a, b, dark)
                set(b, a, dark)
            }
        }
    }

    private func alignmentPositions() -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        var result = [6]
        var position = size - 7
        for _ in 0..<(count - 1) { result.insert(position, at: 1); position -= step }
        return result
    }

    private mutating func drawFormatBits(_ mask: Int) {
        // Level M is 0b00.
        let data = mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = (data << 10 | remainder) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { set(8, i, bit(i)) }
        set(8, 7, bit(6)); set(8, 8, bit(7)); set(7, 8, bit(8))
        for i in 9..<15 { set(14 - i, 8, bit(i)) }
        for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        set(8, size - 8, true)
    }

    private mutating func drawCodewords(_ data: [UInt8]) {
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vertical : vertical
                    if !isFunction[y * size + x], index < data.count * 8 {
                        modules[y * size + x] = (data[index >> 3] >> (7 - (index & 7))) & 1 == 1
                        index += 1
                    }
                }
            }
            right -= 2
        }
    }

    private mutating func applyMask(_ mask: Int) {
        for y in 0..<size { for x in 0..<size where !isFunction[y * size + x] {
            let invert: Bool = switch mask {
            case 0: (x + y) % 2 == 0
            case 1: y % 2 == 0
            case 2: x % 3 == 0
            case 3: (x + y) % 3 == 0
            case 4: (x / 3 + y / 2) % 2 == 0
            case 5: x * y % 2 + x * y % 3 == 0
            case 6: (x * y % 2 + x * y % 3) % 2 == 0
            default: ((x + y) % 2 + x * y % 3) % 2 == 0
            }
            if invert { modules[y * size + x].toggle() }
        } }
    }

    /// Runs of five or more in a row or column, 2×2 blocks of one colour, and the balance of dark and light
    /// (the finder-like rule is left out: it only tunes the choice among valid masks). Read straight from the
    /// module buffer: it runs eight times for every code drawn.
    private func penalty() -> Int {
        let size = size
        return modules.withUnsafeBufferPointer { m in
            var result = 0, dark = 0
            for line in 0..<size {
                var across = 1, down = 1
                if m[line * size] { dark += 1 }
                for i in 1..<size {
                    if m[line * size + i] { dark += 1 }
                    if m[line * size + i] == m[line * size + i - 1] {
                        across += 1
                        if across == 5 { result += 3 } else if across > 5 { result += 1 }
                    } else { across = 1 }
                    if m[i * size + line] == m[(i - 1) * size + line] {
                        down += 1
                        if down == 5 { result += 3 } else if down > 5 { result += 1 }
                    } else { down = 1 }
                }
            }
            for y in 0..<(size - 1) {
                for x in 0..<(size - 1) {
                    let colour = m[y * size + x]
                    if colour == m[y * size + x + 1], colour == m[(y + 1) * size + x], colour == m[(y + 1) * size + x + 1] { result += 3 }
                }
            }
            let total = size * size
            let k = (abs(dark * 20 - total * 10) + total - 1) / total - 1
            return result + max(0, k) * 10
        }
    }
}
