using Tke.ApiMachinery.Kinds;
using Tke.Notify.Apis.Channels;
using Tke.Notify.Apis.MessageRequests;
using Tke.Notify.Apis.Messages;
using Tke.Notify.Apis.ReceiverGroups;
using Tke.Notify.Apis.Receivers;
using Tke.Notify.Apis.Templates;

namespace Tke.Notify.Apis;

/// <summary>notify.tkestack.io/v1: channels, templates, receivers and the messages sent through them.</summary>
public sealed class NotifyApiGroup : IApiGroup
{
    public const string GroupName = "notify.tkestack.io";

    public const string Version = "v1";

    public string Name => GroupName;

    public string PreferredVersion => Version;

    public IReadOnlyList<KindDefinition> Kinds { get; } =
    [
        new ChannelKind(),
        new TemplateKind(),
        new ReceiverKind(),
        new ReceiverGroupKind(),
        new MessageRequestKind(),
        new MessageKind(),
        new ConfigMapKind(GroupName),
    ];
}
