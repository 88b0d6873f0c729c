// CIntrinsics is header-only (static inline wrappers); SwiftPM needs one source file per C target.
