using System.Security.Cryptography.X509Certificates;
using Tke.E2E.Tests.Clusters;
using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>
/// A simulated cluster with the pods the streaming tests work on, each in its own namespace:
/// "web" (nginx, port 80, an env var), "duo" (two containers with ports 8080 and 9090) and
/// "stuck" (bound to a node that does not exist, so its container never starts).
/// </summary>
public sealed class SimStreamingFixture : IAsyncLifetime
{
    public const string Namespace = "streaming";

    public const string Pods = $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: {{Namespace}}
        spec:
          containers:
          - name: web
            image: nginx:1.25
            env:
            - name: GREETING
              value: hello from the pod spec
            ports:
            - containerPort: 80
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: duo
          namespace: {{Namespace}}
        spec:
          containers:
          - name: app
            image: example/app:2
            ports:
            - containerPort: 8080
          - name: sidecar
            image: example/proxy:1
            ports:
            - containerPort: 9090
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: stuck
          namespace: {{Namespace}}
        spec:
          nodeName: no-such-node
          containers:
          - name: stuck
            image: busybox
        """;

    public SimCluster Sim { get; } = new();

    public KubectlRunner Kubectl { get; private set; } = null!;

    public string KubeconfigPath => Path.Combine(Sim.DataDir, "admin.kubeconfig");

    public async Task InitializeAsync()
    {
        await Sim.StartAsync();
        Kubectl = new KubectlRunner(KubeconfigPath, Path.Combine(Sim.DataDir, "kubectl-cache"), Sim.Output);
        (await Kubectl.RunAsync("create", "namespace", Namespace)).EnsureSuccess();
        (await Kubectl.RunWithInputAsync(Pods, "apply", "-f", "-")).EnsureSuccess();
        foreach (var pod in new[] { "web", "duo" })
        {
            (await Kubectl.RunAsync("wait", "-n", Namespace, "pod/" + pod, "--for=condition=Ready", "--timeout=60s")).EnsureSuccess();
        }
    }

    /// <summary>An HTTP client for the simulated cluster's API with the admin token, trusting its CA.</summary>
    public HttpClient Api() =>
        CaTrustingHttpClient.Create(new Uri($"https://{Sim.HostPort}"), X509Certificate2.CreateFromPem(Sim.CaPem), Sim.Token);

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
