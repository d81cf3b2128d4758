import Foundation

/// Free space on the file system holding a path, to tell a full disk from other I/O failures.
public enum DiskSpace {
    /// True when no byte is left for an unprivileged writer on the file system of `path` (or its folder).
    public static func isFull(at path: String) -> Bool {
        var info = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        guard statvfs(folder.isEmpty ? "." : folder, &info) == 0 else { return false }
        return info.f_bavail == 0
    }
}
