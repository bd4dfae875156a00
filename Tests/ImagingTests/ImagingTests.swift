import Foundation
import Testing

@testable import Imaging

/// A gradient, so a scaled image has something to average.
func gradient(width: Int, height: Int, channels: Int) -> Bitmap {
    var px = [UInt8](repeating: 0, count: width * height * channels)
    for y in 0..<height {
        for x in 0..<width {
            let i = (y * width + x) * channels
            px[i] = UInt8(x * 255 / max(1, width - 1))
            px[i + 1] = UInt8(y * 255 / max(1, height - 1))
            px[i + 2] = 128
            if channels == 4 { px[i + 3] = 200 }
        }
    }
    return Bitmap(width: width, height: height, channels: channels, pixels: px)
}

func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        crc ^= UInt32(b)
        for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
    }
    return ~crc
}

func be32(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
}

/// A PNG signature and a valid IHDR claiming `width`×`height`, and nothing else: a decompression bomb's header.
func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
    let sig: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    let body: [UInt8] = Array("IHDR".utf8) + be32(width) + be32(height) + [8, 6, 0, 0, 0]
    return sig + be32(13) + body + be32(crc32(body))
}

@Suite struct ImagingTests {
    @Test func sniffsByMagicBytes() {
        #expect(ImageFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(ImageFormat.sniff(pngHeader(width: 1, height: 1)) == .png)
        #expect(ImageFormat.sniff(Array("GIF89a".utf8)) == nil)
        #expect(ImageFormat.sniff(Array("<svg></svg>".utf8)) == nil)
        #expect(throws: ImagingError.notAnImage) { try Imaging.dimensions(Array("hello".utf8)) }
    }

    @Test func fitsTheLongestSide() {
        #expect(Imaging.fitted(width: 3000, height: 2000, longest: 1600) == (1600, 1067))
        #expect(Imaging.fitted(width: 2000, height: 3000, longest: 1600) == (1067, 1600))
        #expect(Imaging.fitted(width: 800, height: 600, longest: 1600) == (800, 600))
    }

    @Test func resizesAJPEGTo1600() throws {
        let jpeg = try Imaging.encode(gradient(width: 3000, height: 2000, channels: 3), as: .jpeg)
        #expect(try Imaging.dimensions(jpeg).width == 3000)
        let out = try Imaging.resize(jpeg, longest: 1600)
        #expect(out.format == .jpeg)
        #expect(out.width == 1600 && out.height == 1067)
        let back = try Imaging.dimensions(out.bytes)
        #expect(back.format == .jpeg && back.width == 1600 && back.height == 1067)
        let thumb = try Imaging.resize(jpeg, longest: 400)
        #expect(thumb.width == 400 && thumb.height == 267)
    }

    @Test func aPNGStaysPNG() throws {
        let png = try Imaging.encode(gradient(width: 2400, height: 1200, channels: 4), as: .png)
        let out = try Imaging.resize(png, longest: 1600)
        #expect(out.format == .png && out.width == 1600 && out.height == 800)
        #expect(ImageFormat.sniff(out.bytes) == .png)
        let (_, bitmap) = try Imaging.decode(out.bytes)
        #expect(bitmap.channels == 4 && bitmap.pixels[3] == 200)
    }

    @Test func reencodingDropsExif() throws {
        var jpeg = try Imaging.encode(gradient(width: 64, height: 48, channels: 3), as: .jpeg)
        // An APP1 "Exif" segment right after SOI, with a fake GPS marker in it.
        let payload = Array("Exif\0\0GPSLatitude 14.35N".utf8)
        let app1: [UInt8] = [0xFF, 0xE1, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
        jpeg.insert(contentsOf: app1, at: 2)
        #expect(String(decoding: jpeg, as: UTF8.self).contains("GPSLatitude"))
        let out = try Imaging.resize(jpeg, longest: 1600)
        #expect(out.width == 64 && out.height == 48)
        let text = String(decoding: out.bytes, as: UTF8.self)
        #expect(!text.contains("GPSLatitude") && !text.contains("Exif"))
    }

    @Test func refusesADecompressionBombBeforeDecoding() throws {
        let bomb = pngHeader(width: 30000, height: 30000)
        #expect(try Imaging.dimensions(bomb).width == 30000)
        #expect(throws: ImagingError.tooManyPixels(width: 30000, height: 30000)) {
            try Imaging.resize(bomb, longest: 1600)
        }
        #expect(ImagingError.tooManyPixels(width: 30000, height: 30000).description.contains("quá lớn"))
    }

    @Test func refusesATruncatedImage() throws {
        let jpeg = try Imaging.encode(gradient(width: 64, height: 48, channels: 3), as: .jpeg)
        #expect(throws: ImagingError.self) { try Imaging.resize(Array(jpeg.prefix(40)), longest: 1600) }
        #expect(throws: ImagingError.self) { try Imaging.resize(Array(pngHeader(width: 10, height: 10)), longest: 16) }
    }
}
