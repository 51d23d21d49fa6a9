#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the real files of a library may lie: the library folder itself, and the folders
/// listed in the `allowed_roots` option (other disks people link into their library).
///
/// The rule: a symbolic link in the library is followed only when its real path (every
/// link resolved) lies inside one of these roots. Anything else (`ln -s /etc/passwd
/// song.mp3`, a link to `/`, to a device) is skipped by the scan, reported as a failure,
/// and refused when opened. The roots are resolved again at each check, so a root that is
/// itself a link, or a disk mounted later, is judged by where it points now.
struct LibraryRoots: Sendable {
    /// Absolute, as configured.
    let paths: [String]

    init(library: String, allowed: [String] = []) {
        paths = [library] + allowed
    }

    /// The real paths of the roots that exist now.
    func resolved() -> [String] { paths.compactMap(Self.realPath) }

    /// Whether `realPath` (already resolved) is one of the roots or inside one.
    func contains(realPath: String, roots: [String]? = nil) -> Bool {
        (roots ?? resolved()).contains { root in
            root == "/" || realPath == root || realPath.hasPrefix(root + "/")
        }
    }

    /// `realpath(3)`: absolute, no `.`/`..`, no symbolic links; `nil` when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
