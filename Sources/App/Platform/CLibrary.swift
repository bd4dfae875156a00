#if canImport(Glibc)
    import Glibc

    /// A function of the C library that Swift's Glibc module does not declare (its header is not in the module's
    /// map: `malloc_trim` of <malloc.h>, `getrandom` of <sys/random.h>), looked up by name in the process: nil where
    /// the library has none. Each caller keeps what it finds in a `static let`, so the lookup runs once.
    enum CLibrary {
        static func function<F>(_ name: String, as type: F.Type) -> F? {
            dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: F.self) }
        }
    }
#endif
