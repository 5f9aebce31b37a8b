using Tke.Auth.Apis.Policies;

namespace Tke.Auth.Authorization;

/// <summary>
/// The policies every tenant starts with, as TKEStack ships them (hack/auth/policy.json,
/// release 1.3's preset roles): three platform roles and three project roles, named
/// pol-{tenant}-{role}. TKEStack's platform roles are single policies bound to users (there are
/// no preset Role objects), so the presets here are Policy objects too.
/// <list type="bullet">
/// <item>pol-{t}-administrator "PlatformAdmin" (管理员): "*" on "*".</item>
/// <item>pol-{t}-platform "PlatformUser" (平台用户): "*" on "*", as in TKEStack, where both are
/// treated as administrators; the console tells them apart.</item>
/// <item>pol-{t}-viewer "PlatformLogin" (租户, tenant): only "listPortal", i.e. may log in.</item>
/// <item>pol-{t}-project-owner "ProjectAdmin" (业务管理员): TKEStack's action list for managing a
/// project and everything in it.</item>
/// <item>pol-{t}-project-member "ProjectMember" (业务成员): reads everything in the project and
/// manages workloads, configuration, services, storage, images, charts, alarms and notifications;
/// TKEStack enumerates several hundred actions, condensed here to per-kind patterns.</item>
/// <item>pol-{t}-project-viewer "ProjectViewer" (只读成员): get*, list* and watch* only; TKEStack
/// enumerates the get and list actions one by one.</item>
/// </list>
/// </summary>
public static class PresetPolicies
{
    public const string AdministratorRole = "administrator";
    public const string PlatformUserRole = "platform-user";
    public const string TenantRole = "tenant";

    public static readonly IReadOnlyList<string> PlatformRoles = [AdministratorRole, PlatformUserRole, TenantRole];

    private static readonly string[] ReadActions = ["get*", "list*", "watch*"];

    // Kinds a project member may create, update and delete (TKEStack's ProjectMember list).
    private static readonly string[] MemberManagedKinds =
    [
        "Alarmpolicy", "App", "Apply", "Binding", "Channel", "Chart", "Chartgroup", "Configmap", "Controllerrevision",
        "Cronjob", "Daemonset", "Deployment", "Endpoint", "Helm", "Horizontalpodautoscaler", "Ingress", "Job",
        "Lbcfbackendgroup", "Lbcfbackendrecord", "Lbcflb", "Message", "Messagerequest", "Metric", "Networkpolicy",
        "Persistentvolume", "Persistentvolumeclaim", "Pod", "Poddisruptionbudget", "Podpreset", "Podsecuritypolicy",
        "Podtemplate", "Pvcr", "Receiver", "Receivergroup", "Registry", "Registrynamespace", "Replicaset",
        "Replicationcontroller", "Repository", "Secret", "Service", "Statefulset", "Storageclass", "Tapp", "Template",
        "Volumeattachment",
    ];

    // TKEStack's ProjectAdmin action list.
    private static readonly string[] OwnerActions =
    [
        "*App*", "*Channel*", "*Message*", "*Messagerequest*", "*Receiver*", "*Template*", "*alarmpolicy*", "*alarmpolicies",
        "*helm*", "*apply*", "*binding*", "*chart*", "*chartgroup*", "*configmap*", "*controllerrevision*", "*cronjob*",
        "*daemonset*", "*deployment*", "*endpoint*", "*event*", "*horizontalpodautoscaler*", "*ingress*", "*job*",
        "*lbcfbackendgroup*", "*lbcfbackendrecord*", "*lbcflb*", "*limitrange*", "*metric*", "*namespace*",
        "*networkpolicy*", "*persistentvolume*", "*persistentvolumeclaim*", "*platform*", "*pod*", "*poddisruptionbudget*",
        "*podpreset*", "*podsecuritypolicy*", "*podtemplate*", "*portal*", "*project*", "*projectgroup*",
        "*projectpolicies*", "*projectpolicybinding*", "*projectpolicyunbinding*", "*projectuser*", "*pvcr*",
        "*receivergroup*", "*registry*", "*registrynamespace*", "*replicaset*", "*replicationcontroller*", "*repository*",
        "*repositories*", "*resourcequota*", "*secret*", "*service*", "*statefulset*", "*storageclass*", "*tapp*",
        "*volumeattachment*", "createApply", "getAddon", "listAddons", "listPrometheuses", "listUsers",
        "listUserProjects", "listPolicies", "listClusters", "listLogcollectors", "create", "get", "list", "update", "delete",
    ];

    public static string AdministratorPolicyName(string tenantId) => $"pol-{tenantId}-administrator";

    public static string PlatformUserPolicyName(string tenantId) => $"pol-{tenantId}-platform";

    public static string TenantPolicyName(string tenantId) => $"pol-{tenantId}-viewer";

    public static string ProjectOwnerPolicyName(string tenantId) => $"pol-{tenantId}-project-owner";

    public static string ProjectMemberPolicyName(string tenantId) => $"pol-{tenantId}-project-member";

    public static string ProjectViewerPolicyName(string tenantId) => $"pol-{tenantId}-project-viewer";

    /// <summary>The policy a platform role ("administrator", "platform-user", "tenant") stands for, or null.</summary>
    public static string? PolicyNameForPlatformRole(string tenantId, string role) => role switch
    {
        AdministratorRole => AdministratorPolicyName(tenantId),
        PlatformUserRole => PlatformUserPolicyName(tenantId),
        TenantRole => TenantPolicyName(tenantId),
        _ => null,
    };

    /// <summary>Fresh objects on each call, so callers may bind users to them.</summary>
    public static IReadOnlyList<Policy> For(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var memberActions = ReadActions
            .Concat(MemberManagedKinds.SelectMany(kind => new[] { $"create{kind}*", $"update{kind}*", $"delete{kind}" }))
            .Concat(["listPortal"])
            .ToArray();
        return
        [
            Preset(AdministratorPolicyName(tenantId), tenantId, "PlatformAdmin", PolicyScopes.Platform,
                "Preset platform role: may access and manage all platform and project functions and resources.", ["*"]),
            Preset(PlatformUserPolicyName(tenantId), tenantId, "PlatformUser", PolicyScopes.Platform,
                "Preset platform role: may access and manage most platform functions and create clusters and projects.", ["*"]),
            Preset(TenantPolicyName(tenantId), tenantId, "PlatformLogin", PolicyScopes.Platform,
                "Preset platform role (tenant): no platform permissions, may only log in.", ["listPortal"]),
            Preset(ProjectOwnerPolicyName(tenantId), tenantId, "ProjectAdmin", PolicyScopes.Project,
                "Preset project role: may manage the project and every function and resource in it.", OwnerActions),
            Preset(ProjectMemberPolicyName(tenantId), tenantId, "ProjectMember", PolicyScopes.Project,
                "Preset project role: may use and manage the functions and resources of the project.", memberActions),
            Preset(ProjectViewerPolicyName(tenantId), tenantId, "ProjectViewer", PolicyScopes.Project,
                "Preset project role: may only view the resources of the project.", ReadActions),
        ];
    }

    private static Policy Preset(string name, string tenantId, string displayName, string scope, string description, IEnumerable<string> actions) => new()
    {
        Metadata = { Name = name },
        Spec = new PolicySpec
        {
            DisplayName = displayName,
            TenantId = tenantId,
            Category = "common",
            Type = PolicyTypes.Default,
            Scope = scope,
            Description = description,
            Statement = new Statement { Actions = [.. actions], Resources = ["*"], Effect = PolicyEffects.Allow },
        },
        Status = new PolicyStatus(),
    };
}
