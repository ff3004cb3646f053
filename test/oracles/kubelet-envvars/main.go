// kubelet-envvars: the environment variables a 1.28 kubelet gives a Pod's containers for the
// Services of the cluster, computed by the kubelet's own code (k8s.io/kubernetes/pkg/kubelet/envvars,
// the same FromServices the kubelet calls). The choice of Services is the kubelet's
// getServiceEnvVarMap (pkg/kubelet/kubelet_pods.go): Services with a cluster IP, in the Pod's
// namespace when enableServiceLinks, plus the master Service "kubernetes" of namespace default.
//
// Input (stdin): a JSON array of {"namespace": "...", "enableServiceLinks": true, "services": [v1.Service...]}.
// Output (stdout): a JSON array of objects, variable name -> value, one per query.
package main

import (
	"encoding/json"
	"os"

	v1 "k8s.io/api/core/v1"
	v1helper "k8s.io/kubernetes/pkg/apis/core/v1/helper"
	"k8s.io/kubernetes/pkg/kubelet/envvars"
)

type query struct {
	Namespace          string       `json:"namespace"`
	EnableServiceLinks bool         `json:"enableServiceLinks"`
	Services           []v1.Service `json:"services"`
}

func main() {
	var queries []query
	if err := json.NewDecoder(os.Stdin).Decode(&queries); err != nil {
		os.Stderr.WriteString("kubelet-envvars: " + err.Error() + "\n")
		os.Exit(2)
	}
	out := make([]map[string]string, 0, len(queries))
	for _, q := range queries {
		serviceMap := map[string]*v1.Service{}
		for i := range q.Services {
			service := &q.Services[i]
			if service.Namespace == "" {
				service.Namespace = "default"
			}
			if !v1helper.IsServiceIPSet(service) {
				continue
			}
			if service.Namespace == "default" && service.Name == "kubernetes" {
				if _, exists := serviceMap[service.Name]; !exists {
					serviceMap[service.Name] = service
				}
			} else if service.Namespace == q.Namespace && q.EnableServiceLinks {
				serviceMap[service.Name] = service
			}
		}
		mapped := []*v1.Service{}
		for _, s := range serviceMap {
			mapped = append(mapped, s)
		}
		m := map[string]string{}
		for _, e := range envvars.FromServices(mapped) {
			m[e.Name] = e.Value
		}
		out = append(out, m)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(2)
	}
}
