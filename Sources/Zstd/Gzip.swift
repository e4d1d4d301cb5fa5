import CZlib

/// gzip decompression (for `.gz` input files), through zlib.
public enum Gzip {
    /// True when `bytes` starts with the gzip magic number.
    public static func isCompressed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Decompresses a gzip stream (concatenated members are joined).
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int = 1 << 34) throws(CompressionError)
        -> [UInt8]
    {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while offset < input.count {
            var stream = z_stream()
            guard bmrs_inflate_init_gzip(&stream) == Z_OK else { throw CompressionError("zlib: cannot initialise") }
            defer { inflateEnd(&stream) }
            stream.next_in = UnsafeMutablePointer(
                mutating: input.baseAddress!.advanced(by: offset)
                    .assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count - offset)
            var status: Int32 = Z_OK
            while status != Z_STREAM_END {
                let produced = chunk.withUnsafeMutableBytes { out -> Int in
                    stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return out.count - Int(stream.avail_out)
                }
                if status != Z_OK && status != Z_STREAM_END {
                    if status == Z_BUF_ERROR && stream.avail_in == 0 {
                        throw CompressionError("gzip data is truncated")
                    }
                    let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw CompressionError("gzip data is corrupt: \(reason)")
                }
                // Checked before appending, so the output never holds more than `limit` bytes.
                guard produced <= limit - output.count else { throw CompressionError.expands("gzip", past: limit) }
                chunk.withUnsafeBufferPointer { output.append(contentsOf: $0.extracting(0..<produced)) }
            }
            offset = input.count - Int(stream.avail_in)
            // Trailing zero padding after the last member is allowed by gzip(1).
            if input[offset...].allSatisfy({ $0 == 0 }) { break }
        }
        return output
    }
}
