namespace Tke.SimCluster.Tests.Kinds;

/// <summary>Real-world manifests, as kubectl and users write them.</summary>
public static class Manifests
{
    /// <summary>`kubectl create deployment nginx --image=nginx --dry-run=client -o yaml`, verbatim.</summary>
    public const string KubectlCreateDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          creationTimestamp: null
          labels:
            app: nginx
          name: nginx
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: nginx
          strategy: {}
          template:
            metadata:
              creationTimestamp: null
              labels:
                app: nginx
            spec:
              containers:
              - image: nginx
                name: nginx
                resources: {}
        status: {}
        """;

    public const string PodWithProbesVolumesAndEnv = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: api
          namespace: default
          labels:
            app: api
          annotations:
            prometheus.io/scrape: "true"
        spec:
          serviceAccountName: api
          securityContext:
            runAsNonRoot: true
            fsGroup: 2000
          affinity:
            podAntiAffinity:
              preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 100
                podAffinityTerm:
                  labelSelector:
                    matchLabels:
                      app: api
                  topologyKey: kubernetes.io/hostname
          tolerations:
          - key: dedicated
            operator: Equal
            value: api
            effect: NoSchedule
          initContainers:
          - name: migrate
            image: registry.example.com/api:1.4.2
            command: ["/app/migrate", "--up"]
          containers:
          - name: api
            image: registry.example.com/api:1.4.2
            args: ["--port=8080"]
            ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            env:
            - name: LOG_LEVEL
              value: info
            - name: POD_IP
              valueFrom:
                fieldRef:
                  fieldPath: status.podIP
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db
                  key: password
            envFrom:
            - configMapRef:
                name: api-config
            resources:
              requests:
                cpu: 250m
                memory: 128Mi
              limits:
                cpu: 1
                memory: 512Mi
            livenessProbe:
              httpGet:
                path: /healthz
                port: http
              initialDelaySeconds: 10
              periodSeconds: 5
            readinessProbe:
              tcpSocket:
                port: 8080
            volumeMounts:
            - name: config
              mountPath: /etc/api
              readOnly: true
            - name: cache
              mountPath: /cache
            securityContext:
              allowPrivilegeEscalation: false
              capabilities:
                drop: ["ALL"]
          volumes:
          - name: config
            configMap:
              name: api-config
              items:
              - key: app.yaml
                path: app.yaml
          - name: cache
            emptyDir:
              sizeLimit: 1Gi
        """;

    public const string ServiceWithNamedTargetPort = """
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          labels:
            app: api
        spec:
          type: NodePort
          selector:
            app: api
          ports:
          - name: http
            port: 80
            targetPort: http
            protocol: TCP
          - name: metrics
            port: 9090
            targetPort: 9090
          sessionAffinity: None
          ipFamilyPolicy: SingleStack
          ipFamilies: ["IPv4"]
          internalTrafficPolicy: Cluster
        """;
}
