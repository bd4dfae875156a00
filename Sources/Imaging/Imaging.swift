import DHJpeg
import DHPng
import Foundation

/// A photo's format, told by its first bytes (never by its name or the declared content type).
public enum ImageFormat: String, Sendable {
    case jpeg, png

    public var contentType: String { self == .jpeg ? "image/jpeg" : "image/png" }
    public var fileExtension: String { self == .jpeg ? "jpg" : "png" }

    /// The format of `bytes` by its magic number, or nil.
    public static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .jpeg }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if bytes.count >= 8, Array(bytes[0..<8]) == png { return .png }
        return nil
    }
}

/// Why a photo was refused; the message says what to do, in Vietnamese.
public enum ImagingError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnImage
    case unreadable
    case tooManyPixels(width: Int, height: Int)
    case encodeFailed

    public var description: String {
        switch self {
        case .notAnImage: return "Ảnh phải là tệp JPEG hoặc PNG."
        case .unreadable: return "Không đọc được ảnh (tệp hỏng hoặc không đúng định dạng JPEG, PNG)."
        case .tooManyPixels(let w, let h):
            return "Ảnh quá lớn (\(w)×\(h) điểm ảnh, tối đa \(Imaging.maxPixels / 1_000_000) triệu điểm ảnh): "
                + "hãy thu nhỏ ảnh rồi tải lên lại."
        case .encodeFailed: return "Không xử lý được ảnh; hãy thử lại với ảnh khác."
        }
    }
}

/// 8-bit pixels, 3 (RGB) or 4 (RGBA) channels a pixel, rows top to bottom.
public struct Bitmap: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}

/// A re-encoded photo.
public struct EncodedImage: Sendable {
    public let format: ImageFormat
    public let width: Int
    public let height: Int
    public let bytes: [UInt8]
}

/// Decode → scale → re-encode, through the system libjpeg-turbo and libpng. Re-encoding keeps pixels only:
/// EXIF (with any GPS position), comments and colour profiles are left behind.
public enum Imaging {
    /// Above this many pixels a photo is refused before it is decoded (a decompression bomb: a small file that
    /// claims 30000×30000 pixels).
    public static let maxPixels = 40_000_000
    public static let jpegQuality: Int32 = 82

    /// Width and height from the header only.
    public static func dimensions(_ bytes: [UInt8]) throws -> (format: ImageFormat, width: Int, height: Int) {
        guard let format = ImageFormat.sniff(bytes) else { throw ImagingError.notAnImage }
        if format == .png {
            // IHDR is the first chunk, right after the signature: width and height as big-endian 32-bit numbers.
            guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { throw ImagingError.unreadable }
            func be32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
            let (w, h) = (be32(16), be32(20))
            guard w > 0, h > 0 else { throw ImagingError.unreadable }
            return (format, w, h)
        }
        var w: Int32 = 0
        var h: Int32 = 0
        let status = bytes.withUnsafeBufferPointer { buf -> Int32 in
            switch format {
            case .jpeg: return dh_jpeg_dimensions(buf.baseAddress, UInt(buf.count), &w, &h)
            case .png: return dh_png_dimensions(buf.baseAddress, buf.count, &w, &h)
            }
        }
        guard status == 0, w > 0, h > 0 else { throw ImagingError.unreadable }
        return (format, Int(w), Int(h))
    }

    /// Decodes a JPEG (to RGB) or a PNG (to RGBA), refusing more than `maxPixels` before decoding. `atLeast`: a JPEG
    /// may be shrunk in its DCT by 2, 4 or 8 while its longest side stays at least this (a cheap first step).
    public static func decode(_ bytes: [UInt8], atLeast: Int? = nil) throws -> (ImageFormat, Bitmap) {
        let (format, width, height) = try dimensions(bytes)
        guard width * height <= maxPixels else { throw ImagingError.tooManyPixels(width: width, height: height) }
        var w: Int32 = 0
        var h: Int32 = 0
        switch format {
        case .jpeg:
            var denom: Int32 = 1
            if let atLeast {
                while denom < 8 && max(width, height) / Int(denom * 2) >= atLeast { denom *= 2 }
            }
            let out = bytes.withUnsafeBufferPointer { dh_jpeg_decode($0.baseAddress, UInt($0.count), denom, &w, &h) }
            guard let out else { throw ImagingError.unreadable }
            defer { free(out) }
            let count = Int(w) * Int(h) * 3
            return (
                .jpeg,
                Bitmap(
                    width: Int(w), height: Int(h), channels: 3,
                    pixels: Array(UnsafeBufferPointer(start: out, count: count)))
            )
        case .png:
            let out = bytes.withUnsafeBufferPointer {
                dh_png_decode($0.baseAddress, $0.count, UInt(maxPixels), &w, &h)
            }
            guard let out else { throw ImagingError.unreadable }
            defer { free(out) }
            let count = Int(w) * Int(h) * 4
            return (
                .png,
                Bitmap(
                    width: Int(w), height: Int(h), channels: 4,
                    pixels: Array(UnsafeBufferPointer(start: out, count: count)))
            )
        }
    }

    /// The size that fits `longest` on the longer side, keeping the aspect ratio (never enlarging).
    public static func fitted(width: Int, height: Int, longest: Int) -> (width: Int, height: Int) {
        guard max(width, height) > longest else { return (width, height) }
        if width >= height {
            return (longest, max(1, Int((Double(height) * Double(longest) / Double(width)).rounded())))
        }
        return (max(1, Int((Double(width) * Double(longest) / Double(height)).rounded())), longest)
    }

    /// Box-filter downscale (each target pixel averages the source pixels it covers); bilinear when enlarging is
    /// never needed here, so a box is both simple and free of aliasing.
    public static func scale(_ image: Bitmap, width: Int, height: Int) -> Bitmap {
        guard width != image.width || height != image.height else { return image }
        let c = image.channels
        var out = [UInt8](repeating: 0, count: width * height * c)
        let sx = Double(image.width) / Double(width)
        let sy = Double(image.height) / Double(height)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var sums = [Int](repeating: 0, count: c)
                for y in 0..<height {
                    let y0 = Int(Double(y) * sy)
                    let y1 = max(y0 + 1, min(image.height, Int(Double(y + 1) * sy)))
                    for x in 0..<width {
                        let x0 = Int(Double(x) * sx)
                        let x1 = max(x0 + 1, min(image.width, Int(Double(x + 1) * sx)))
                        for k in 0..<c { sums[k] = 0 }
                        for yy in y0..<y1 {
                            var p = (yy * image.width + x0) * c
                            for _ in x0..<x1 {
                                for k in 0..<c { sums[k] += Int(src[p + k]) }
                                p += c
                            }
                        }
                        let n = (y1 - y0) * (x1 - x0)
                        let q = (y * width + x) * c
                        for k in 0..<c { dst[q + k] = UInt8((sums[k] + n / 2) / n) }
                    }
                }
            }
        }
        return Bitmap(width: width, height: height, channels: c, pixels: out)
    }

    /// Encodes as JPEG (quality 82; an alpha channel is dropped) or PNG.
    public static func encode(_ image: Bitmap, as format: ImageFormat) throws -> [UInt8] {
        switch format {
        case .jpeg:
            let rgb: [UInt8]
            if image.channels == 4 {
                var buf = [UInt8](repeating: 0, count: image.width * image.height * 3)
                for i in 0..<(image.width * image.height) {
                    buf[i * 3] = image.pixels[i * 4]
                    buf[i * 3 + 1] = image.pixels[i * 4 + 1]
                    buf[i * 3 + 2] = image.pixels[i * 4 + 2]
                }
                rgb = buf
            } else {
                rgb = image.pixels
            }
            var size: UInt = 0
            let out = rgb.withUnsafeBufferPointer {
                dh_jpeg_encode($0.baseAddress, Int32(image.width), Int32(image.height), jpegQuality, &size)
            }
            guard let out else { throw ImagingError.encodeFailed }
            defer { free(out) }
            return Array(UnsafeBufferPointer(start: out, count: Int(size)))
        case .png:
            var size = 0
            let out = image.pixels.withUnsafeBufferPointer {
                dh_png_encode(
                    $0.baseAddress, Int32(image.width), Int32(image.height), image.channels == 4 ? 1 : 0, &size)
            }
            guard let out else { throw ImagingError.encodeFailed }
            defer { free(out) }
            return Array(UnsafeBufferPointer(start: out, count: size))
        }
    }

    /// The whole upload step: check the format and the pixel count, decode, fit the longest side into `longest`,
    /// re-encode in the same format.
    public static func resize(_ bytes: [UInt8], longest: Int) throws -> EncodedImage {
        let header = try dimensions(bytes)
        let size = fitted(width: header.width, height: header.height, longest: longest)
        let (format, bitmap) = try decode(bytes, atLeast: longest)
        let scaled = scale(bitmap, width: size.width, height: size.height)
        return EncodedImage(
            format: format, width: scaled.width, height: scaled.height, bytes: try encode(scaled, as: format))
    }
}
