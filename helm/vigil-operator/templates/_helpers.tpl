{{/*
The chart name, or nameOverride.
*/}}
{{- define "vigil-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every object name: fullnameOverride, else the release name, plus the chart name
unless the release name already contains it. At most 63 characters (DNS label).
*/}}
{{- define "vigil-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "vigil-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every object.
*/}}
{{- define "vigil-operator.labels" -}}
helm.sh/chart: {{ include "vigil-operator.chart" . }}
{{ include "vigil-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: vigil
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels that select the operator pods: never change them in an upgrade (a Deployment's selector is
immutable).
*/}}
{{- define "vigil-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vigil-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The operator's ServiceAccount.
*/}}
{{- define "vigil-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "vigil-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The operator image, tag defaulting to the chart's appVersion.
*/}}
{{- define "vigil-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/*
"true" when the operator reconciles only while holding a Lease: asked for, or needed because more
than one replica runs.
*/}}
{{- define "vigil-operator.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) }}true{{ else }}false{{ end }}
{{- end }}

{{/*
The Lease's name.
*/}}
{{- define "vigil-operator.leaseName" -}}
{{- default (printf "%s-lock" (include "vigil-operator.fullname" .)) .Values.leaderElection.leaseName }}
{{- end }}

{{/*
Rules on the namespaced objects the operator reconciles and owns: the rows of the permissions
table in docs/operations.md except CustomResourceDefinitions (cluster-scoped) and Leases (release
namespace only). A test compares the rendered rules with that table.
*/}}
{{- define "vigil-operator.namespacedRules" -}}
- apiGroups: ["vigil.dev"]
  resources: ["monitoreddatabases", "alertpolicies"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["vigil.dev"]
  resources: ["monitoreddatabases/status", "alertpolicies/status"]
  verbs: ["patch"]
- apiGroups: ["apps"]
  resources: ["statefulsets", "deployments"]
  verbs: ["list", "watch", "create", "patch"]
- apiGroups: [""]
  resources: ["services", "serviceaccounts"]
  verbs: ["list", "watch", "create", "patch"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["get", "patch"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["list", "watch", "create", "patch", "delete"]
- apiGroups: ["batch"]
  resources: ["cronjobs"]
  verbs: ["list", "watch", "create", "patch", "delete"]
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors", "podmonitors", "prometheusrules"]
  verbs: ["list", "watch", "create", "patch", "delete"]
- apiGroups: ["monitoring.coreos.com"]
  resources: ["alertmanagerconfigs"]
  verbs: ["get", "create", "patch", "delete"]
- apiGroups: ["cert-manager.io"]
  resources: ["certificates"]
  verbs: ["get", "create", "patch"]
{{- end }}

{{/*
Rules on cluster-scoped objects: whether the prometheus-operator CRDs and cert-manager's Certificate CRD
exist, and when they appear.
*/}}
{{- define "vigil-operator.clusterRules" -}}
- apiGroups: ["apiextensions.k8s.io"]
  resources: ["customresourcedefinitions"]
  verbs: ["get", "list", "watch"]
{{- end }}

{{/*
Rules of leader election, in the release namespace: JOSDK checks at start that get, create and
update are granted; fabric8's Lease lock then takes and renews the Lease with a merge patch.
*/}}
{{- define "vigil-operator.leaseRules" -}}
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["get", "create", "update", "patch"]
{{- end }}

{{/*
A label map as the operator's label flags read it: key=value pairs joined by commas, sorted by key.
*/}}
{{- define "vigil-operator.labelList" -}}
{{- $pairs := list }}
{{- range $key, $value := . }}
{{- $pairs = append $pairs (printf "%s=%s" $key $value) }}
{{- end }}
{{- join "," $pairs }}
{{- end }}
