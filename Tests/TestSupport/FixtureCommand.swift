import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a tool from PATH for a fixture (ffmpeg, ffprobe, umount...), blocking the calling
/// thread, and answers its exit status and what it printed.
///
/// Written by hand over `posix_spawnp` because Foundation's `Process.run()` on Linux (Swift
/// 6.3.1) crashes now and then: it copies each `/proc/self/fd` entry's whole 256-byte name
/// field, reading past glibc's buffer when an entry ends a page
/// (swiftlang/swift-corelibs-foundation#5472, fixed after this toolchain). A test run that
/// makes hundreds of fixtures at once hit it most runs. swift-subprocess has no blocking
/// form, which cleanup in a `defer` needs.
public enum FixtureCommand {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String
    }

    /// `tool arguments...` with standard input from /dev/null; standard output is read to
    /// its end, then standard error (fixtures print little on it).
    public static func run(_ tool: String, _ arguments: [String]) throws -> Result {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard systemPipe2(&outPipe, O_CLOEXEC) == 0 else { throw FixtureError(message: "pipe: \(String(cString: strerror(errno)))") }
        guard systemPipe2(&errPipe, O_CLOEXEC) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw FixtureError(message: "pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // Nothing else of this process reaches the tool. A descriptor another test opened
        // without close-on-exec (a script being written through mkstemp, as Foundation's
        // atomic write does) would otherwise stay open in the tool for its whole run, and
        // executing that script meanwhile fails with ETXTBSY ("text file busy").
        _ = systemAddCloseFrom(&actions, 3)

        let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, tool, &actions, nil, argv, environ)
        close(outPipe[1])
        close(errPipe[1])
        defer { close(outPipe[0]); close(errPipe[0]) }
        guard spawned == 0 else {
            throw FixtureError(message: "\(tool) could not start: \(String(cString: strerror(spawned)))")
        }
        let output = readAll(outPipe[0])
        let errors = readAll(errPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let exited = status & 0x7f == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: output, errors: errors)
    }

    private static func readAll(_ descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: buffer[0..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else {
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// glibc's `pipe2`, which Glibc's module does not export (it needs `_GNU_SOURCE`): both ends
/// close-on-exec from the start, so no child another test spawns meanwhile holds one open.
/// glibc 2.34's `posix_spawn_file_actions_addclosefrom_np`, which the Glibc module does not
/// import (it is declared under `__USE_MISC` only).
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func systemAddCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32

@_silgen_name("pipe2")
private func systemPipe2(_ descriptors: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
