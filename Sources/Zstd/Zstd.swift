import CZstd

/// An error from zstd or zlib: what failed and the library's reason.
public struct CompressionError: Error, Sendable, CustomStringConvertible {
    /// What was being done and why it failed.
    public let message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// The error for `format` data that decompresses to more than `limit` bytes.
    static func expands(_ format: String, past limit: Int) -> CompressionError {
        let size =
            limit % (1 << 30) == 0
            ? "\(limit >> 30) GiB" : limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
        return CompressionError("\(format) data expands past \(size), the most bmrs decompresses from one input")
    }
}

/// zstd compression of whole buffers (the store's sealed partitions, archived responses, `.zst` files).
public enum Zstd {
    /// The level `compress` uses unless told otherwise.
    public static let defaultLevel: Int32 = 19

    /// Compresses `input` into one zstd frame with the content size and a content checksum in it.
    ///
    /// The checksum (`ZSTD_c_checksumFlag`: "a 32-bit checksum of content is written at end of frame") makes
    /// decompression refuse damaged data instead of returning wrong bytes; frames written without one still decode.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = defaultLevel) throws(CompressionError)
        -> [UInt8]
    {
        guard let context = ZSTD_createCCtx() else { throw CompressionError("zstd: out of memory") }
        defer { ZSTD_freeCCtx(context) }
        for (parameter, value) in [(ZSTD_c_compressionLevel, level), (ZSTD_c_checksumFlag, 1)] {
            let result = ZSTD_CCtx_setParameter(context, parameter, value)
            if ZSTD_isError(result) != 0 {
                throw CompressionError("zstd rejected a parameter: \(String(cString: ZSTD_getErrorName(result)))")
            }
        }
        let bound = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { out in
            ZSTD_compress2(context, out.baseAddress, bound, input.baseAddress, input.count)
        }
        if ZSTD_isError(written) != 0 {
            throw CompressionError("zstd compression failed: \(String(cString: ZSTD_getErrorName(written)))")
        }
        // A copy of exactly the frame: the bound-sized buffer would otherwise stay allocated as long as the result.
        return [UInt8](output[..<written])
    }

    /// Compresses an array of bytes.
    public static func compress(_ input: [UInt8], level: Int32 = defaultLevel) throws(CompressionError) -> [UInt8] {
        do {
            return try input.withUnsafeBytes { try compress($0, level: level) }
        } catch let error as CompressionError {
            throw error
        } catch {
            throw CompressionError("\(error)")
        }
    }

    /// Decompresses every zstd frame in `input` (concatenated frames are joined, as the zstd tool does).
    ///
    /// `limit` bounds the output size so that a corrupt or hostile header cannot exhaust memory.
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int = 1 << 34) throws(CompressionError)
        -> [UInt8]
    {
        guard let stream = ZSTD_createDStream() else { throw CompressionError("zstd: out of memory") }
        defer { ZSTD_freeDStream(stream) }
        var output: [UInt8] = []
        let declared = ZSTD_getFrameContentSize(input.baseAddress, input.count)
        if declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != ZSTD_CONTENTSIZE_ERROR && declared < UInt64(limit) {
            // The header is not trusted with memory: a damaged one may declare gigabytes.
            output.reserveCapacity(Int(min(declared, trustedSize)))
        }
        let chunk = ZSTD_DStreamOutSize()
        var buffer = [UInt8](repeating: 0, count: chunk)
        var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var lastResult = 0
        repeat {
            let (result, produced) = buffer.withUnsafeMutableBytes { out -> (Int, Int) in
                var outBuffer = ZSTD_outBuffer(dst: out.baseAddress, size: chunk, pos: 0)
                let r = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                return (r, outBuffer.pos)
            }
            if ZSTD_isError(result) != 0 {
                throw CompressionError("zstd data is corrupt: \(String(cString: ZSTD_getErrorName(result)))")
            }
            guard produced <= limit - output.count else { throw CompressionError.expands("zstd", past: limit) }
            output.append(contentsOf: buffer[0..<produced])
            lastResult = result
            if produced == 0 && inBuffer.pos == inBuffer.size { break }
        } while inBuffer.pos < inBuffer.size || lastResult != 0
        if lastResult != 0 {
            throw CompressionError("zstd data is truncated: the last frame is incomplete")
        }
        return output
    }

    /// Decompresses an array of bytes.
    public static func decompress(_ input: [UInt8], limit: Int = 1 << 34) throws(CompressionError) -> [UInt8] {
        do {
            return try input.withUnsafeBytes { try decompress($0, limit: limit) }
        } catch let error as CompressionError {
            throw error
        } catch {
            throw CompressionError("\(error)")
        }
    }

    /// Decompresses a single frame whose header records its size, reusing `context`; falls back to streaming.
    public static func decompress(
        _ input: UnsafeRawBufferPointer, using context: DecompressionContext,
        limit: Int = 1 << 34
    ) throws(CompressionError) -> [UInt8] {
        let declared = ZSTD_getFrameContentSize(input.baseAddress, input.count)
        guard declared != ZSTD_CONTENTSIZE_UNKNOWN, declared != ZSTD_CONTENTSIZE_ERROR, declared <= UInt64(limit),
            declared <= trustedSize
        else {
            return try decompress(input, limit: limit)
        }
        let size = Int(declared)
        var failure: Int = 0
        let output = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            let n = ZSTD_decompressDCtx(context.context, buffer.baseAddress, size, input.baseAddress, input.count)
            if ZSTD_isError(n) != 0 || n != size {
                failure = ZSTD_isError(n) != 0 ? n : -1
                initialized = 0
            } else {
                initialized = n
            }
        }
        if failure != 0 {
            let reason = failure == -1 ? "size differs from its header" : String(cString: ZSTD_getErrorName(failure))
            throw CompressionError("zstd data is corrupt: \(reason)")
        }
        return output
    }

    /// The largest output allocated up front from a frame header's declared size (64 MiB); beyond it the output
    /// grows as data actually decompresses, so a damaged header cannot claim gigabytes of memory.
    static let trustedSize: UInt64 = 1 << 26

    /// True when `bytes` starts with the zstd frame magic number.
    public static func isCompressed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x28 && bytes[1] == 0xB5 && bytes[2] == 0x2F && bytes[3] == 0xFD
    }
}

/// A reusable zstd decompression context (creating one per frame costs more than decoding a small frame).
///
/// Not `Sendable`: use it from one thread at a time.
public final class DecompressionContext {
    let context: OpaquePointer

    /// Creates a context.
    public init() {
        context = ZSTD_createDCtx()
    }

    deinit {
        ZSTD_freeDCtx(context)
    }
}
