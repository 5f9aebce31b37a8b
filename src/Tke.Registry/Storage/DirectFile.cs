using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Tke.Registry.Storage;

/// <summary>
/// Opens a file for I/O that bypasses the page cache (Linux O_DIRECT). Blob uploads are written
/// once and large blobs read in one sweep; copying every byte through the page cache cost more
/// CPU here than hashing it. Returns null where the platform or the file system does not support
/// it, and the caller uses the page cache instead.
/// </summary>
public static class DirectFile
{
    /// <summary>Offsets, lengths and buffer addresses of direct I/O are multiples of this.</summary>
    public const int Alignment = 4096;

    private const int ReadOnly = 0x0;
    private const int WriteOnly = 0x1;
    private const int CloseOnExec = 0x80000;

    public static SafeFileHandle? TryOpenForWrite(string path) => TryOpen(path, WriteOnly);

    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static SafeFileHandle? TryOpenForRead(string path)
    {
        var handle = TryOpen(path, ReadOnly);
        if (handle is null && !File.Exists(path))
        {
            throw new FileNotFoundException("blob file not found", path);
        }

        return handle;
    }

    private static SafeFileHandle? TryOpen(string path, int access)
    {
        if (!OperatingSystem.IsLinux() || DirectFlag() is not { } direct)
        {
            return null;
        }

        var descriptor = Open(path, access | CloseOnExec | direct, 0);
        return descriptor < 0 ? null : new SafeFileHandle(descriptor, ownsHandle: true);
    }

    // O_DIRECT's value differs between architectures.
    private static int? DirectFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => null,
    };

    // A plain DllImport: strings marshal as UTF-8 on Unix, and it needs no unsafe code.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(string path, int flags, int mode);
}
