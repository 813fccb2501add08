// Command alertmanager-config turns AlertmanagerConfig objects (monitoring.coreos.com/v1alpha1)
// into an Alertmanager configuration file with prometheus-operator's own code, the steps its
// Alertmanager controller takes (pkg/alertmanager: provisionAlertmanagerConfiguration), without
// a cluster: the Secrets the configs refer to are given with them.
//
// Input (stdin), one JSON document:
//
//	{"alertmanagerVersion": "0.25.0",
//	 "alertmanagerConfigs": [<AlertmanagerConfig>...],
//	 "secrets": [<Secret>...]}
//
// Output (stdout): the generated alertmanager.yaml, what the operator gzips into the Secret
// alertmanager-<name>-generated. A config prometheus-operator would refuse fails the command,
// naming it and the reason on stderr (the operator itself would leave it out and go on), and so
// does a field its types do not know (the API server would drop it).
//
// Built by scripts/go-binaries.sh alertmanager-tools in a throwaway module requiring the
// prometheus-operator version Vigil tests against.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/blang/semver/v4"
	"github.com/prometheus-operator/prometheus-operator/pkg/alertmanager"
	validationv1alpha1 "github.com/prometheus-operator/prometheus-operator/pkg/alertmanager/validation/v1alpha1"
	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	monitoringv1alpha1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1alpha1"
	"github.com/prometheus-operator/prometheus-operator/pkg/assets"
	corev1 "k8s.io/api/core/v1"
)

type input struct {
	AlertmanagerVersion string                                   `json:"alertmanagerVersion"`
	AlertmanagerConfigs []*monitoringv1alpha1.AlertmanagerConfig `json:"alertmanagerConfigs"`
	Secrets             []*corev1.Secret                         `json:"secrets"`
}

// The operator's base configuration when the Alertmanager names no configuration Secret
// (defaultAlertmanagerConfiguration in pkg/alertmanager/operator.go).
const baseConfiguration = `route:
  receiver: 'null'
receivers:
- name: 'null'`

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "alertmanager-config:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) error {
	var given input
	decoder := json.NewDecoder(in)
	// A field prometheus-operator's types do not have would be pruned by the API server (its
	// CRD keeps no unknown fields) and lost without a word: here it is an error.
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&given); err != nil {
		return fmt.Errorf("reading the input: %w", err)
	}
	version, err := semver.ParseTolerant(given.AlertmanagerVersion)
	if err != nil {
		return fmt.Errorf("alertmanagerVersion %q: %w", given.AlertmanagerVersion, err)
	}
	objects := make([]interface{}, 0, len(given.Secrets))
	for _, s := range given.Secrets {
		objects = append(objects, s)
	}
	store := assets.NewTestStoreBuilder(objects...)

	configs := map[string]*monitoringv1alpha1.AlertmanagerConfig{}
	for _, amc := range given.AlertmanagerConfigs {
		key := amc.Namespace + "/" + amc.Name
		if err := validationv1alpha1.ValidateAlertmanagerConfig(amc); err != nil {
			return fmt.Errorf("AlertmanagerConfig %s is invalid: %w", key, err)
		}
		configs[key] = amc
	}

	am := &monitoringv1.Alertmanager{}
	am.Namespace = "monitoring"
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	builder := alertmanager.NewConfigBuilder(logger, version, store, am)
	if err := builder.InitializeFromRawConfiguration([]byte(baseConfiguration)); err != nil {
		return err
	}
	ctx := context.Background()
	if err := builder.AddAlertmanagerConfigs(ctx, configs); err != nil {
		return err
	}
	generated, err := builder.MarshalJSON()
	if err != nil {
		return err
	}
	_, err = out.Write(generated)
	return err
}
