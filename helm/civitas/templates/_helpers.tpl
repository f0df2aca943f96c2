{{/* Names ---------------------------------------------------------------------------------------------------- */}}

{{- define "civitas.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "civitas.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "civitas.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Object name of one component: (dict "root" $ "component" "gateway") */}}
{{- define "civitas.componentName" -}}
{{- printf "%s-%s" (include "civitas.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Object name of one worker pool: (dict "root" $ "pool" $pool) */}}
{{- define "civitas.poolName" -}}
{{- printf "%s-worker-%s" (include "civitas.fullname" .root) .pool.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels -------------------------------------------------------------------------------------------------------
   Selector labels never change between chart versions (Deployment selectors are immutable): name, instance,
   component and, for workers, the pool. Everything else goes into the full label set only. */}}

{{- define "civitas.selectorLabels" -}}
app.kubernetes.io/name: {{ include "civitas.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "civitas.labels" -}}
{{ include "civitas.selectorLabels" . }}
app.kubernetes.io/part-of: civitas
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "civitas.chart" .root }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "civitas.poolSelectorLabels" -}}
{{ include "civitas.selectorLabels" (dict "root" .root "component" "inference-worker") }}
civitas.io/pool: {{ .pool.name }}
{{- end -}}

{{- define "civitas.poolLabels" -}}
{{ include "civitas.labels" (dict "root" .root "component" "inference-worker") }}
civitas.io/pool: {{ .pool.name }}
civitas.io/model: {{ include "civitas.labelValue" .pool.model }}
civitas.io/engine: {{ .pool.engine }}
civitas.io/region: {{ include "civitas.labelValue" .pool.region }}
{{- with .pool.datacentre }}
civitas.io/datacentre: {{ include "civitas.labelValue" . }}
{{- end }}
{{- end -}}

{{/* A model id or region made into a valid label value (63 characters, [A-Za-z0-9._-]). */}}
{{- define "civitas.labelValue" -}}
{{- regexReplaceAll "[^A-Za-z0-9._-]" . "_" | trunc 63 | trimAll "_.-" -}}
{{- end -}}

{{/* Images ------------------------------------------------------------------------------------------------------ */}}

{{/* (dict "root" $ "image" .Values.gateway.image) */}}
{{- define "civitas.image" -}}
{{- $tag := .image.tag | default .root.Chart.AppVersion -}}
{{- if .root.Values.global.imageRegistry -}}
{{- printf "%s/%s:%s" .root.Values.global.imageRegistry .image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* A third-party image: (dict "root" $ "image" .Values.tests.image); an empty registry uses global.imageRegistry. */}}
{{- define "civitas.externalImage" -}}
{{- $registry := .image.registry | default .root.Values.global.imageRegistry -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry .image.repository .image.tag -}}
{{- else -}}
{{- printf "%s:%s" .image.repository .image.tag -}}
{{- end -}}
{{- end -}}

{{- define "civitas.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Services and databases ------------------------------------------------------------------------------------- */}}

{{/* The four core services: values key, component name (object names and labels), whether it owns a database. */}}
{{- define "civitas.coreServices" -}}
gateway: {component: gateway, database: false}
tenantService: {component: tenant-service, database: true}
billingService: {component: billing-service, database: true}
auditService: {component: audit-service, database: true}
{{- end -}}

{{/* Datasource env of a database-owning service: (dict "root" $ "svc" .Values.tenantService) */}}
{{- define "civitas.datasourceEnv" -}}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s:%v/%s%s" .root.Values.database.host .root.Values.database.port .svc.database.name (ternary (printf "?%s" .root.Values.database.jdbcParameters) "" (ne .root.Values.database.jdbcParameters "")) | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .svc.database.existingSecret }}
      key: username
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .svc.database.existingSecret }}
      key: password
{{- end -}}

{{/* Env every database-owning service needs besides its datasource (the migration Job needs it too, since Quarkus
     validates the whole configuration before it migrates and exits). (dict "root" $ "key" "tenantService") */}}
{{- define "civitas.serviceEnv" -}}
{{- $v := index .root.Values .key -}}
- name: QUARKUS_OIDC_AUTH_SERVER_URL
  value: {{ .root.Values.oidc.authServerUrl | quote }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ .root.Values.kafka.bootstrapServers | quote }}
{{- if eq .key "tenantService" }}
- name: CIVITAS_TENANT_KEYS_PEPPER
  valueFrom:
    secretKeyRef:
      name: {{ $v.pepper.existingSecret }}
      key: {{ $v.pepper.key }}
{{- else if eq .key "billingService" }}
# billing-service's OIDC is off unless turned on (its REST API refuses every request until then).
- name: QUARKUS_OIDC_TENANT_ENABLED
  value: "true"
{{- else if eq .key "auditService" }}
# The Ed25519 checkpoint signing key, a PEM file from a Secret mounted read-only (civitas.serviceVolumes).
- name: CIVITAS_AUDIT_SIGNING_PRIVATE_KEY_FILE
  value: {{ printf "/etc/civitas/audit-signing/%s" $v.signingKey.key | quote }}
{{- end }}
{{- end -}}

{{/* Volumes (and their mounts) a core service needs besides /tmp: (dict "root" $ "key" "auditService") */}}
{{- define "civitas.serviceVolumes" -}}
{{- if eq .key "auditService" }}
{{- $v := index .root.Values .key }}
- name: signing-key
  secret:
    secretName: {{ $v.signingKey.existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ $v.signingKey.key }}
        path: {{ $v.signingKey.key }}
{{- end }}
{{- end -}}

{{- define "civitas.serviceVolumeMounts" -}}
{{- if eq .key "auditService" }}
- name: signing-key
  mountPath: /etc/civitas/audit-signing
  readOnly: true
{{- end }}
{{- end -}}

{{/* Probes on the Quarkus health endpoints: (dict "probes" .probes) */}}
{{- define "civitas.probes" -}}
startupProbe:
  httpGet: {path: /q/health/started, port: http}
  periodSeconds: {{ .probes.startup.periodSeconds }}
  failureThreshold: {{ .probes.startup.failureThreshold }}
readinessProbe:
  httpGet: {path: /q/health/ready, port: http}
  periodSeconds: {{ .probes.readiness.periodSeconds }}
  failureThreshold: {{ .probes.readiness.failureThreshold }}
livenessProbe:
  httpGet: {path: /q/health/live, port: http}
  periodSeconds: {{ .probes.liveness.periodSeconds }}
  failureThreshold: {{ .probes.liveness.failureThreshold }}
{{- end -}}

{{/* Validation: fail with the value to fix ------------------------------------------------------------------- */}}
{{- define "civitas.validate" -}}
{{- $names := dict -}}
{{- range .Values.workerPools -}}
{{- if hasKey $names .name -}}
{{- fail (printf "workerPools: the pool name %q is used twice; pool names must be unique" .name) -}}
{{- end -}}
{{- $_ := set $names .name true -}}
{{- if and (eq .engine "openai-upstream") (lt (int (.gpus | default 0)) 1) -}}
{{- fail (printf "workerPools[%s]: engine openai-upstream runs vLLM on GPUs; set gpus to 1 or more" .name) -}}
{{- end -}}
{{- if and (eq .engine "openai-upstream") (not .modelVolume) -}}
{{- fail (printf "workerPools[%s]: engine openai-upstream needs a modelVolume (persistentVolumeClaim or hostPath) holding the model" .name) -}}
{{- end -}}
{{- if and .tensorParallelSize (gt (int .tensorParallelSize) (int (.gpus | default 0))) -}}
{{- fail (printf "workerPools[%s]: tensorParallelSize %v exceeds gpus %v" .name .tensorParallelSize .gpus) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.gateway.workerDiscovery.enabled .Values.networkPolicy.enabled (not .Values.networkPolicy.kubeApiServer.cidrs) -}}
{{- fail "gateway.workerDiscovery.enabled needs networkPolicy.kubeApiServer.cidrs (the API server addresses: kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes)" -}}
{{- end -}}
{{- if not .Values.workerPools -}}
{{- fail "workerPools: at least one worker pool is needed (the gateway routes to it)" -}}
{{- end -}}
{{- end -}}
