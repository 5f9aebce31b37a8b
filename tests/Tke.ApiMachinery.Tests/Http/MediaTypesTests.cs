using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;

namespace Tke.ApiMachinery.Tests.Http;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData(null, OutputFormat.Json, "v1")]
    [InlineData("application/json", OutputFormat.Json, "v1")]
    [InlineData("*/*", OutputFormat.Json, "v1")]
    [InlineData("application/yaml", OutputFormat.Yaml, "v1")]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", OutputFormat.Table, "v1")]
    [InlineData("application/json;as=Table;v=v1beta1;g=meta.k8s.io", OutputFormat.Table, "v1beta1")]
    [InlineData("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io", OutputFormat.PartialObjectMetadata, "v1")]
    [InlineData("application/vnd.kubernetes.protobuf,application/json", OutputFormat.Json, "v1")]
    [InlineData("application/json;as=Table;v=v2;g=meta.k8s.io,application/json", OutputFormat.Json, "v1")]
    public void Negotiates_what_kubectl_asks_for(string? accept, OutputFormat format, string version) =>
        Assert.Equal(new OutputChoice(format, version), MediaTypes.Negotiate(accept));

    [Fact]
    public void Rejects_unservable_media_types_with_406() =>
        Assert.Equal(406, Assert.Throws<StatusError>(() => MediaTypes.Negotiate("application/vnd.kubernetes.protobuf")).Code);

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("application/merge-patch+json; charset=utf-8", "application/merge-patch+json")]
    [InlineData("Application/YAML", "application/yaml")]
    public void Normalises_body_media_types(string? contentType, string expected) => Assert.Equal(expected, MediaTypes.BodyType(contentType));
}
