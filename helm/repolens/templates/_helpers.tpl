{{/* Names ------------------------------------------------------------------------------------------ */}}

{{- define "repolens.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-wide base name; component names append a suffix, so it leaves room for the longest one. */}}
{{- define "repolens.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component's objects: (dict "root" $ "component" "api"). */}}
{{- define "repolens.componentName" -}}
{{- printf "%s-%s" (include "repolens.fullname" .root) .component }}
{{- end }}

{{- define "repolens.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "repolens.configMapName" -}}
{{- include "repolens.componentName" (dict "root" . "component" "config") }}
{{- end }}

{{/* The Secret the services read their secret variables from: the user's own, or the chart's. */}}
{{- define "repolens.secretName" -}}
{{- .Values.secrets.existingSecret | default (include "repolens.componentName" (dict "root" . "component" "secrets")) }}
{{- end }}

{{- define "repolens.dataClaimName" -}}
{{- .Values.persistence.existingClaim | default (include "repolens.componentName" (dict "root" . "component" "data")) }}
{{- end }}

{{- define "repolens.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- .Values.serviceAccount.name | default (include "repolens.fullname" .) }}
{{- else }}
{{- .Values.serviceAccount.name | default "default" }}
{{- end }}
{{- end }}

{{/* Labels ----------------------------------------------------------------------------------------- */}}

{{/* (dict "root" $ "component" "api") */}}
{{- define "repolens.labels" -}}
helm.sh/chart: {{ include "repolens.chart" .root }}
{{ include "repolens.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: repolens
{{- end }}

{{- define "repolens.selectorLabels" -}}
app.kubernetes.io/name: {{ include "repolens.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Images ----------------------------------------------------------------------------------------- */}}

{{- define "repolens.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/* Connections ------------------------------------------------------------------------------------ */}}

{{- define "repolens.postgresql.host" -}}
{{- include "repolens.componentName" (dict "root" . "component" "postgresql") }}
{{- end }}

{{- define "repolens.redis.host" -}}
{{- include "repolens.componentName" (dict "root" . "component" "redis") }}
{{- end }}

{{/* Redis host:port for KEDA's scaler, which takes no URL. */}}
{{- define "repolens.keda.redisAddress" -}}
{{- if .Values.worker.keda.redisAddress }}
{{- .Values.worker.keda.redisAddress }}
{{- else if .Values.redis.enabled }}
{{- printf "%s:%d" (include "repolens.redis.host" .) (int .Values.redis.port) }}
{{- else }}
{{- fail "worker.keda.enabled with an external Redis: set worker.keda.redisAddress (host:port of that Redis)" }}
{{- end }}
{{- end }}

{{/* The prefix of every BullMQ key (REDIS_PREFIX), which KEDA needs to name the wait lists. */}}
{{- define "repolens.redisPrefix" -}}
{{- get .Values.config "REDIS_PREFIX" | default "repolens" }}
{{- end }}

{{/* Values the chart itself sets in the ConfigMap; they win over the same names in .Values.config. */}}
{{- define "repolens.managedConfig" -}}
HOST: "0.0.0.0"
PORT: {{ .Values.api.port | quote }}
DATA_DIR: {{ .Values.persistence.mountPath | quote }}
WORKER_METRICS_PORT: {{ .Values.worker.metricsPort | quote }}
{{- end }}

{{/* Secret variables with values of their own (the webhook secrets), by variable name; the empty ones left out. */}}
{{- define "repolens.namedSecrets" -}}
{{- $secrets := .Values.secrets }}
{{- range $name, $value := dict "WEBHOOK_SECRET" $secrets.webhookSecret "GITHUB_WEBHOOK_SECRET" $secrets.githubWebhookSecret "GITLAB_WEBHOOK_TOKEN" $secrets.gitlabWebhookToken }}
{{- if $value }}
{{ $name }}: {{ $value | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* Checks ----------------------------------------------------------------------------------------- */}}

{{/*
Fails the render with a message naming the value to change, rather than deploying something that
cannot start. Included once, from the ConfigMap.
*/}}
{{- define "repolens.validate" -}}
{{- $existing := .Values.secrets.existingSecret }}
{{- if and .Values.postgresql.enabled .Values.externalDatabase.url }}
{{- fail "postgresql.enabled and externalDatabase.url are both set: use the bundled PostgreSQL or an external one, not both" }}
{{- end }}
{{- if and (not .Values.postgresql.enabled) (not .Values.externalDatabase.url) (not $existing) }}
{{- fail "no PostgreSQL: set externalDatabase.url (postgres://user:password@host:5432/repolens), or postgresql.enabled=true, or secrets.existingSecret with a DATABASE_URL key" }}
{{- end }}
{{- if and .Values.redis.enabled .Values.externalRedis.url }}
{{- fail "redis.enabled and externalRedis.url are both set: use the bundled Redis or an external one, not both" }}
{{- end }}
{{- if and (not .Values.redis.enabled) (not .Values.externalRedis.url) (not $existing) }}
{{- fail "no Redis: set externalRedis.url (redis://:password@host:6379), or redis.enabled=true, or secrets.existingSecret with a REDIS_URL key" }}
{{- end }}
{{- range $name, $value := include "repolens.namedSecrets" . | fromYaml }}
{{- if hasKey $.Values.secrets.extra $name }}
{{- fail (printf "secrets.extra.%s and the chart's own value for %s are both set: keep one" $name $name) }}
{{- end }}
{{- end }}
{{- range $name, $value := .Values.config }}
{{- if regexMatch "^(DATABASE_URL|REDIS_URL)$|(_KEY|SECRET|TOKEN|PASSWORD)$" $name }}
{{- fail (printf "config.%s looks like a secret, and config goes into a ConfigMap: put it in secrets (secrets.llmApiKey, secrets.tokenEncryptionKey, secrets.extra) or secrets.existingSecret" $name) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Pod pieces shared by the api and the worker ------------------------------------------------------ */}}

{{/* Restart pods when their configuration changes. */}}
{{- define "repolens.configChecksums" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- if not .Values.secrets.existingSecret }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end }}

{{- define "repolens.appEnvFrom" -}}
- configMapRef:
    name: {{ include "repolens.configMapName" . }}
- secretRef:
    name: {{ include "repolens.secretName" . }}
{{- end }}

{{- define "repolens.appVolumeMounts" -}}
# Checkouts and indexes: the api answers from the index files the workers write.
- name: data
  mountPath: {{ .Values.persistence.mountPath }}
# The root filesystem is read-only; git and the pipeline make temporary directories here.
- name: tmp
  mountPath: /tmp
{{- end }}

{{- define "repolens.appVolumes" -}}
- name: data
{{- if .Values.persistence.enabled }}
  persistentVolumeClaim:
    claimName: {{ include "repolens.dataClaimName" . }}
{{- else }}
  emptyDir: {}
{{- end }}
- name: tmp
  emptyDir: {}
{{- end }}

{{/* Scheduling and pod-level settings of one component: (dict "root" $ "values" .Values.api). */}}
{{- define "repolens.podScheduling" -}}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
