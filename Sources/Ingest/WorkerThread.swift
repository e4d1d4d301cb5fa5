#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A thread (pthreads) with a stack of a given size, running one closure; `join` waits for it to end.
///
/// Fetch workers run on these rather than on Dispatch's pool: they block in libcurl, and the parser needs a
/// known stack size.
final class WorkerThread {
    private var thread: pthread_t? = nil
    private var joined = false

    /// Starts `body` on a new thread with a stack of `stackSize` bytes.
    init(stackSize: Int, _ body: @escaping @Sendable () -> Void) throws(IngestFailure) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Glibc)
            var handle = pthread_t()
        #else
            var handle: pthread_t? = nil
        #endif
        let rc = pthread_create(
            &handle, &attributes,
            { context in
                guard let context else { return nil }
                Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
                return nil
            }, box)
        guard rc == 0 else {
            Unmanaged<Body>.fromOpaque(box).release()
            throw IngestFailure("cannot start a fetch thread: \(String(cString: strerror(rc)))")
        }
        thread = handle
    }

    /// Waits for the thread to end (once; later calls return at once).
    func join() {
        guard !joined, let thread else { return }
        joined = true
        pthread_join(thread, nil)
    }

    deinit { join() }

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
