package main

import (
	"fmt"

	"github.com/gonetstat/netstat/internal/exporter"
	"github.com/gonetstat/netstat/internal/linux/netns"
)

// hereOnly is the exporter's own network namespace, sampled from any
// goroutine (no setns needed).
func hereOnly(th *mainThread) func() ([]exporter.Namespace, error) {
	only := []exporter.Namespace{{Sampler: th.sampler}}
	return func() ([]exporter.Namespace, error) { return only, nil }
}

// everyNamespace lists the host's network namespaces on each scrape. The
// exporter's own is sampled where it is; the others through the main
// thread.
func everyNamespace(th *mainThread) func() ([]exporter.Namespace, error) {
	return func() ([]exporter.Namespace, error) {
		list, err := netns.Host().List()
		if err != nil {
			return nil, err
		}
		out := make([]exporter.Namespace, 0, len(list))
		for i := range list {
			ns := &list[i]
			label := namespaceLabel(ns)
			if ns.Current {
				out = append(out, exporter.Namespace{Name: label, Sampler: th.sampler})
				continue
			}
			out = append(out, exporter.Namespace{Name: label, Sampler: namespaceSampler{
				thread: th,
				paths:  ns.Paths(netns.RunDir, netns.ProcRoot),
				label:  label,
			}})
		}
		return out, nil
	}
}

// namespaceLabel is the netns label of a namespace: its first name under
// /run/netns, or net:[INODE] as /proc/PID/ns/net shows it.
func namespaceLabel(ns *netns.Namespace) string {
	if len(ns.Names) > 0 {
		return ns.Names[0]
	}
	return fmt.Sprintf("net:[%d]", ns.Inode)
}
