package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/diagnose"
	"github.com/gonetstat/netstat/internal/linux/hostsample"
	"github.com/gonetstat/netstat/internal/snapshot"
)

// defaultCheckInterval is how long --check waits between its two samples
// when --check-interval is not given.
const defaultCheckInterval = time.Second

// checkVersion is the version of the --check --json document.
const checkVersion = 1

// checkHost diagnoses the current network namespace (--check): one sample,
// the interval, a second sample, then the findings worst first, as text or
// JSON. It returns 0 when all is well, 1 with warnings, 2 with critical
// findings (the Nagios convention), and 3 for bad thresholds.
func checkHost(opts *cli.Options, out *output, stderr *os.File) int {
	th, err := checkThresholds(opts)
	if err != nil {
		fmt.Fprintf(stderr, "netstat: %v\n", err)
		return cli.ExitUsage
	}
	interval := opts.CheckInterval
	if interval <= 0 {
		interval = defaultCheckInterval
	}
	sampler := hostsample.New(procRoot)
	// Rates need only the counters twice; the sockets and their owners are
	// read once, at the end.
	before, err := sampler.Sample(snapshot.Want{Counters: true, Interfaces: true, Conntrack: true})
	warnSample(stderr, err)
	time.Sleep(interval)
	after, err := sampler.Sample(snapshot.Want{Sockets: true, Owners: true, Counters: true,
		Interfaces: true, Conntrack: true, Sysctls: true})
	warnSample(stderr, err)

	findings := diagnose.Run(before, after, th)
	worst := diagnose.Worst(findings)
	if opts.JSON {
		err = writeCheckJSON(out, findings, worst, after.Taken.Sub(before.Taken))
	} else {
		err = writeCheckText(out, findings, worst)
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "netstat: writing the findings: %v\n", err)
		return int(diagnose.Critical) + 1
	}
	return int(worst)
}

// checkThresholds returns the defaults, changed by --check-config's file
// and then by each --check-set.
func checkThresholds(opts *cli.Options) (diagnose.Thresholds, error) {
	th := diagnose.DefaultThresholds()
	if opts.CheckConfig != "" {
		f, err := os.Open(opts.CheckConfig)
		if err != nil {
			return th, fmt.Errorf("--check-config: %v", err)
		}
		err = diagnose.LoadThresholds(f, &th)
		f.Close()
		if err != nil {
			return th, fmt.Errorf("--check-config %s: %v", opts.CheckConfig, err)
		}
	}
	if opts.CheckSet == "" {
		return th, nil
	}
	for _, set := range strings.Split(opts.CheckSet, "\n") {
		name, value, ok := strings.Cut(set, "=")
		if !ok {
			return th, fmt.Errorf("--check-set %q: not NAME=VALUE (names: %s)", set, strings.Join(diagnose.ThresholdNames(), ", "))
		}
		if err := th.Set(strings.TrimSpace(name), value); err != nil {
			return th, fmt.Errorf("--check-set: %v", err)
		}
	}
	return th, nil
}

// warnSample reports what a sample could not read; the checks go on with
// the rest.
func warnSample(stderr io.Writer, err error) {
	if err != nil {
		fmt.Fprintf(stderr, "netstat: --check: %v\n", err)
	}
}

// checkReport is the --check --json document.
type checkReport struct {
	Version  int                `json:"version"`
	Table    string             `json:"table"`
	Status   diagnose.Severity  `json:"status"`
	Interval float64            `json:"interval_seconds"`
	Findings []diagnose.Finding `json:"findings"`
}

// writeCheckJSON writes the findings as one JSON document on one line.
func writeCheckJSON(w io.Writer, fs []diagnose.Finding, worst diagnose.Severity, interval time.Duration) error {
	return json.NewEncoder(w).Encode(checkReport{Version: checkVersion, Table: "check", Status: worst, Interval: interval.Seconds(), Findings: fs})
}
