using Tke.SimCluster.Apps;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Tests.Kinds;

public class ManifestTests
{
    [Fact]
    public void Kubectl_create_deployment_output_decodes_strictly_and_gets_Kubernetes_defaults()
    {
        var kind = new DeploymentKind();
        var deployment = KindDecoding.DecodeStrict<Deployment>(kind, Manifests.KubectlCreateDeployment);
        deployment.Metadata.Namespace = "default";
        Assert.Empty(KindDecoding.ValidateCreate(kind, deployment));

        Assert.Equal(1, deployment.Spec.Replicas);
        Assert.Equal("nginx", deployment.Spec.Selector!.MatchLabels!["app"]);
        Assert.Equal("RollingUpdate", deployment.Spec.Strategy!.Type);
        Assert.Equal("25%", deployment.Spec.Strategy.RollingUpdate!.MaxSurge!.Text);
        Assert.Equal(10, deployment.Spec.RevisionHistoryLimit);
        Assert.Equal(600, deployment.Spec.ProgressDeadlineSeconds);
        var container = Assert.Single(deployment.Spec.Template.Spec!.Containers);
        Assert.Equal("Always", container.ImagePullPolicy); // untagged image
        Assert.Equal("Always", deployment.Spec.Template.Spec.RestartPolicy);
    }

    [Fact]
    public void Pod_with_probes_volumes_and_env_decodes_strictly_and_keeps_every_field()
    {
        var kind = new PodKind();
        var pod = KindDecoding.DecodeStrict<Pod>(kind, Manifests.PodWithProbesVolumesAndEnv);
        Assert.Empty(KindDecoding.ValidateCreate(kind, pod));

        var api = pod.Spec.Containers.Single();
        Assert.Equal("registry.example.com/api:1.4.2", api.Image);
        Assert.Equal("IfNotPresent", api.ImagePullPolicy);
        Assert.Equal(8080, api.Ports![0].Port);
        Assert.Equal("250m", api.Resources!.Requests!["cpu"]);
        Assert.Equal("1", api.Resources.Limits!["cpu"]); // YAML's unquoted 1 is a quantity too
        Assert.Equal("status.podIP", api.Env![1].ValueFrom!["fieldRef"]!["fieldPath"]!.GetValue<string>());
        Assert.Equal("Pending", pod.Status!.Phase);
        Assert.Equal("Burstable", pod.Status.QosClass);

        // Fields the simulation does not type survive the round trip through storage.
        var stored = KindDecoding.Stored(pod);
        Assert.Equal("/healthz", stored["spec"]!["containers"]![0]!["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("http", stored["spec"]!["containers"]![0]!["livenessProbe"]!["httpGet"]!["port"]!.GetValue<string>());
        Assert.Equal("/cache", stored["spec"]!["containers"]![0]!["volumeMounts"]![1]!["mountPath"]!.GetValue<string>());
        Assert.Equal("api-config", stored["spec"]!["volumes"]![0]!["configMap"]!["name"]!.GetValue<string>());
        Assert.Equal(2000, stored["spec"]!["securityContext"]!["fsGroup"]!.GetValue<int>());
        Assert.Equal("kubernetes.io/hostname", stored["spec"]!["affinity"]!["podAntiAffinity"]!["preferredDuringSchedulingIgnoredDuringExecution"]![0]!["podAffinityTerm"]!["topologyKey"]!.GetValue<string>());
    }

    [Fact]
    public void Service_keeps_named_and_numbered_target_ports_and_gets_a_cluster_IP()
    {
        var kind = new ServiceKind();
        var service = KindDecoding.DecodeStrict<Service>(kind, Manifests.ServiceWithNamedTargetPort);
        service.Metadata.Namespace = "default";
        Assert.Empty(KindDecoding.ValidateCreate(kind, service));

        Assert.Equal("http", service.Spec.Ports![0].TargetPort!.Text);
        Assert.Equal(9090, service.Spec.Ports[1].TargetPort!.Number);
        Assert.StartsWith("10.96.", service.Spec.ClusterIP);
        Assert.All(service.Spec.Ports, p => Assert.InRange(p.NodePort!.Value, 30000, 32767));
        var stored = KindDecoding.Stored(service);
        Assert.Equal("http", stored["spec"]!["ports"]![0]!["targetPort"]!.GetValue<string>());
        Assert.Equal(9090, stored["spec"]!["ports"]![1]!["targetPort"]!.GetValue<int>());
        Assert.Equal("SingleStack", stored["spec"]!["ipFamilyPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Secret_string_data_is_folded_into_data()
    {
        var kind = new SecretKind();
        var secret = KindDecoding.DecodeStrict<Secret>(kind, """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
            stringData:
              password: s3cret
            """);
        Assert.Empty(KindDecoding.ValidateCreate(kind, secret));
        Assert.Equal("s3cret", System.Text.Encoding.UTF8.GetString(secret.Data!["password"]));
        Assert.Null(secret.StringData);
        Assert.Equal("Opaque", secret.Type);
        Assert.True(kind.HasSensitiveFields);
    }

    [Fact]
    public void Deployment_whose_selector_misses_the_template_labels_is_invalid()
    {
        var kind = new DeploymentKind();
        var deployment = KindDecoding.DecodeStrict<Deployment>(kind, Manifests.KubectlCreateDeployment.Replace("app: nginx\n    spec:", "app: other\n    spec:", StringComparison.Ordinal));
        deployment.Spec.Template.Metadata!.Labels!["app"] = "other";
        var errors = KindDecoding.ValidateCreate(kind, deployment);
        Assert.Contains(errors, e => e.Field == "spec.template.metadata.labels");
    }

    [Fact]
    public void Pod_without_an_image_is_invalid()
    {
        var kind = new PodKind();
        var pod = KindDecoding.DecodeStrict<Pod>(kind, """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
              - name: c
            """);
        Assert.Contains(KindDecoding.ValidateCreate(kind, pod), e => e.Field == "spec.containers[0].image");
    }

    [Fact]
    public void Unknown_top_level_field_is_still_rejected_under_Strict()
    {
        var error = Assert.Throws<Tke.ApiMachinery.Errors.StatusError>(() => KindDecoding.DecodeStrict<Deployment>(
            new DeploymentKind(),
            Manifests.KubectlCreateDeployment + "\nspecc: {}\n"));
        Assert.Contains("specc", error.Message);
    }
}
