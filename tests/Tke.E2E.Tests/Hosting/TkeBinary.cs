using System.Reflection;

namespace Tke.E2E.Tests.Hosting;

/// <summary>Where the built server is: src/Tke.Cli/bin/{the test assembly's configuration}/net10.0/tke.dll.</summary>
public static class TkeBinary
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Configuration { get; } =
        typeof(TkeBinary).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string DllPath { get; } = Path.Combine(RepositoryRoot, "src", "Tke.Cli", "bin", Configuration, "net10.0", "tke.dll");

    /// <summary>The dotnet host that runs the tests also runs the server.</summary>
    public static string DotnetHost { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tke.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no tke.slnx above {AppContext.BaseDirectory}");
    }
}
