package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// defaultPort is outside the Prometheus exporters' block 9100–9999 (fully
// allocated) and the ranges allocated after it, outside Linux's ephemeral
// port range and the Kubernetes NodePort range.
const defaultPort = "19111"

// settings are the command line's choices.
type settings struct {
	listenAddress string
	telemetryPath string
	webConfigFile string
	programs      bool
	topPrograms   int
	topListeners  int
	checks        bool
	checksConfig  string
	allNetNS      bool
}

// parseFlags reads the command line, node_exporter style (--name=value or
// --name value). done means the program ends now with code: --help,
// --version, or a bad command line.
func parseFlags(args []string, stdout, stderr io.Writer) (s settings, code int, done bool) {
	fs := flag.NewFlagSet("netstat-exporter", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&s.listenAddress, "web.listen-address", ":"+defaultPort, "`address` to serve metrics on (HOST:PORT)")
	fs.StringVar(&s.telemetryPath, "web.telemetry-path", "/metrics", "`path` under which metrics are served")
	fs.StringVar(&s.webConfigFile, "web.config.file", "", "Prometheus web configuration `file` for TLS and basic authentication (tls_server_config, basic_auth_users, http_server_config); without it, plain HTTP")
	fs.BoolVar(&s.programs, "collector.programs", true, "read socket owners (/proc/*/fd) for per-program counts and listener programs")
	fs.IntVar(&s.topPrograms, "collector.programs.top-k", 10, "programs shown by name per state; the rest are summed as \"other\"")
	fs.IntVar(&s.topListeners, "collector.listeners.top-k", 50, "TCP listeners shown, the fullest accept queues first")
	fs.BoolVar(&s.checks, "collector.checks", true, "run the netstat --check diagnoses and export their severity")
	fs.StringVar(&s.checksConfig, "collector.checks.config", "", "`file` of NAME=VALUE check thresholds, as netstat --check-config reads")
	fs.BoolVar(&s.allNetNS, "all-netns", false, "sample every network namespace of the host, with a netns label")
	version := fs.Bool("version", false, "print the version and exit")
	// The usage is printed here, not by fs.Usage: flag calls that for -h
	// too, before the text could go to stdout, and it would come twice.
	usage := func(w io.Writer) {
		fs.SetOutput(w)
		fmt.Fprintf(w, "Usage: netstat-exporter [flags]\n\nServes netstat's view of the network as Prometheus metrics.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			usage(stdout)
			return s, 0, true
		}
		usage(stderr)
		return s, 2, true
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "netstat-exporter: unexpected argument %q\n", fs.Arg(0))
		return s, 2, true
	}
	if *version {
		fmt.Fprintf(stdout, "netstat-exporter %s (%s)\n", buildVersion(), runtime.Version())
		return s, 0, true
	}
	switch {
	case !strings.HasPrefix(s.telemetryPath, "/") || s.telemetryPath == "/":
		fmt.Fprintf(stderr, "netstat-exporter: --web.telemetry-path must start with / and not be / itself: %q\n", s.telemetryPath)
		return s, 2, true
	case s.topPrograms < 1:
		fmt.Fprintf(stderr, "netstat-exporter: --collector.programs.top-k must be at least 1: %d\n", s.topPrograms)
		return s, 2, true
	case s.topListeners < 0:
		fmt.Fprintf(stderr, "netstat-exporter: --collector.listeners.top-k must not be negative: %d\n", s.topListeners)
		return s, 2, true
	}
	return s, 0, false
}

// buildVersion is the module version the binary was built from, or
// "devel".
func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
