namespace Tke.ApiMachinery.Protobuf;

/// <summary>Malformed protobuf input: truncated, a wire type that contradicts the schema, too deep.</summary>
public sealed class ProtobufFormatException(string message) : FormatException(message);

/// <summary>Well-formed protobuf whose type has no schema here, or an envelope encoding we do not read.</summary>
public sealed class UnsupportedProtobufTypeException(string message) : Exception(message);
