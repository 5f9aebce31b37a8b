using System.Text;
using System.Text.Json.Nodes;
using Tke.SimCluster.Streaming.RemoteCommand;
using Tke.SimCluster.Streaming.WebSockets;

namespace Tke.SimCluster.Tests.Streaming;

public sealed class ChannelProtocolTests
{
    [Fact]
    public void V5_is_preferred_and_unknown_offers_are_refused()
    {
        Assert.Equal(WebSocketChannelProtocol.V5, WebSocketChannelProtocol.Negotiate(["v4.channel.k8s.io", "v5.channel.k8s.io"]));
        Assert.Equal(WebSocketChannelProtocol.V4Base64, WebSocketChannelProtocol.Negotiate(["v4.base64.channel.k8s.io"]));
        Assert.Null(WebSocketChannelProtocol.Negotiate(["v9.channel.k8s.io", "chat"]));
    }

    [Fact]
    public void A_client_offering_no_protocol_gets_unnamed_v1()
    {
        var protocol = WebSocketChannelProtocol.Negotiate([]);

        Assert.NotNull(protocol);
        Assert.Equal("", protocol.Name);
        Assert.False(protocol.StatusOnErrorChannel);
        Assert.False(protocol.SupportsCloseChannel);
    }

    [Fact]
    public void Binary_messages_carry_the_channel_byte_first()
    {
        var message = WebSocketChannelProtocol.V5.Encode(WebSocketChannelProtocol.Stdout, "hi\n"u8);

        Assert.Equal([1, (byte)'h', (byte)'i', (byte)'\n'], message);
        Assert.True(WebSocketChannelProtocol.V5.TryDecode([0, (byte)'x'], out var channel, out var data));
        Assert.Equal((0, "x"), (channel, Encoding.ASCII.GetString(data)));
    }

    [Fact]
    public void The_v5_close_message_names_the_channel_it_closes()
    {
        Assert.True(WebSocketChannelProtocol.V5.TryDecode([255, 0], out var channel, out var data));

        Assert.Equal(WebSocketChannelProtocol.CloseChannel, channel);
        Assert.Equal([WebSocketChannelProtocol.Stdin], data);
        Assert.True(WebSocketChannelProtocol.V5.SupportsCloseChannel);
        Assert.False(WebSocketChannelProtocol.V4.SupportsCloseChannel);
    }

    [Fact]
    public void Base64_protocols_send_the_channel_digit_then_base64()
    {
        var message = WebSocketChannelProtocol.V4Base64.Encode(WebSocketChannelProtocol.Stderr, "oops"u8);

        Assert.Equal("2b29wcw==", Encoding.ASCII.GetString(message));
        Assert.True(WebSocketChannelProtocol.V4Base64.TryDecode(Encoding.ASCII.GetBytes("0aGVsbG8="), out var channel, out var data));
        Assert.Equal((0, "hello"), (channel, Encoding.ASCII.GetString(data)));
        Assert.Throws<FormatException>(() => WebSocketChannelProtocol.V4Base64.TryDecode(Encoding.ASCII.GetBytes("0!!"), out _, out _));
    }

    [Fact]
    public void Empty_messages_carry_nothing()
    {
        Assert.False(WebSocketChannelProtocol.V5.TryDecode([], out _, out _));
    }

    [Fact]
    public void Success_is_a_status_from_v4_and_nothing_before()
    {
        var outcome = RemoteCommandOutcome.Exited(0, ["echo", "hi"]);

        Assert.Equal("""{"metadata":{},"status":"Success"}""", Encoding.UTF8.GetString(outcome.Encode(asStatus: true)));
        Assert.Empty(outcome.Encode(asStatus: false));
    }

    [Fact]
    public void A_non_zero_exit_is_reported_the_way_kubectl_reads_its_exit_code()
    {
        var status = JsonNode.Parse(RemoteCommandOutcome.Exited(3, ["sh", "-c", "exit 3"]).Encode(asStatus: true))!;

        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal("NonZeroExitCode", status["reason"]!.GetValue<string>());
        var cause = status["details"]!["causes"]![0]!;
        Assert.Equal("ExitCode", cause["reason"]!.GetValue<string>());
        Assert.Equal("3", cause["message"]!.GetValue<string>());
        Assert.Contains("exited with 3", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("non-zero exit code", Encoding.UTF8.GetString(RemoteCommandOutcome.Exited(3, ["false"]).Encode(asStatus: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_that_could_not_run_is_an_internal_error()
    {
        var status = JsonNode.Parse(RemoteCommandOutcome.Failed("no shell").Encode(asStatus: true))!;

        Assert.Equal("InternalError", status["reason"]!.GetValue<string>());
        Assert.Equal(500, status["code"]!.GetValue<int>());
    }

    [Fact]
    public void The_accept_key_follows_rfc_6455()
    {
        // The example handshake of RFC 6455 section 1.3.
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.AcceptValue("dGhlIHNhbXBsZSBub25jZQ=="));
    }
}
