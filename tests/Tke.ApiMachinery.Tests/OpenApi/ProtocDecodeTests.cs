using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Tke.ApiMachinery.Tests.OpenApi;

/// <summary>
/// Decodes the /openapi/v2 protobuf with protoc against gnostic's OpenAPIv2.proto, an encoder-independent
/// check of field numbers and wire types. Passes without checking when protoc is not installed.
/// </summary>
public sealed partial class ProtocDecodeTests
{
    [Fact]
    public async Task ProtocDecodesTheDocumentWithoutUnknownFields()
    {
        var protoc = FindOnPath("protoc");
        if (protoc is null)
        {
            return;
        }

        var start = new ProcessStartInfo(protoc)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(ThisDirectory(), "TestData"),
        };
        start.ArgumentList.Add("--decode=openapi.v2.Document");
        start.ArgumentList.Add("-I.");
        if (File.Exists("/usr/include/google/protobuf/any.proto"))
        {
            start.ArgumentList.Add("-I/usr/include");
        }

        start.ArgumentList.Add("OpenAPIv2.proto");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(TestDocuments.Value.V2Protobuf);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await error);

        var text = await output;
        Assert.Contains("swagger: \"2.0\"", text);
        Assert.Contains("name: \"io.tkestack.test.v1.Gadget\"", text);
        Assert.Contains("name: \"x-kubernetes-group-version-kind\"", text);
        Assert.Contains("yaml: \"- group: test.tkestack.io\\n  kind: Gadget\\n  version: v1\\n\"", text);
        Assert.Contains("query_parameter_sub_schema {", text);
        Assert.Contains("name: \"fieldValidation\"", text);

        // protoc prints fields the .proto does not declare by number; there must be none.
        Assert.Empty(UnknownField().Matches(text));
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    [GeneratedRegex(@"^\s*\d+[:\s{]", RegexOptions.Multiline)]
    private static partial Regex UnknownField();
}
