package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
)

// settingsArgs writes s back as a command line.
func settingsArgs(s settings) []string {
	return []string{
		"--web.listen-address=" + s.listenAddress,
		"--web.telemetry-path=" + s.telemetryPath,
		"--web.config.file=" + s.webConfigFile,
		"--collector.programs=" + strconv.FormatBool(s.programs),
		"--collector.programs.top-k=" + strconv.Itoa(s.topPrograms),
		"--collector.listeners.top-k=" + strconv.Itoa(s.topListeners),
		"--collector.checks=" + strconv.FormatBool(s.checks),
		"--collector.checks.config=" + s.checksConfig,
		"--all-netns=" + strconv.FormatBool(s.allNetNS),
	}
}

// FuzzParseFlags runs the command line parser on arguments separated by
// NUL bytes, as the kernel hands them over.
func FuzzParseFlags(f *testing.F) {
	// The command line of the systemd unit we ship.
	unit, err := os.ReadFile("../../deploy/netstat-exporter.service")
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range strings.Split(string(unit), "\n") {
		if cmd, ok := strings.CutPrefix(line, "ExecStart="); ok {
			f.Add(strings.Join(strings.Fields(cmd)[1:], "\x00"))
		}
	}
	for _, args := range [][]string{
		nil,
		{"--web.listen-address=127.0.0.1:19111", "--web.telemetry-path=/metrics"},
		{"--web.listen-address", ":0", "--collector.programs=false", "--collector.programs.top-k", "3"},
		{"--collector.listeners.top-k=0", "--collector.checks=false", "--all-netns"},
		{"--collector.checks.config", "/etc/netstat-exporter/checks.conf", "--web.config.file=web.yml"},
		{"--web.telemetry-path=/"}, {"--web.telemetry-path=metrics"}, {"--collector.programs.top-k=0"},
		{"--collector.listeners.top-k=-1"}, {"--collector.programs.top-k=0x10"}, {"--collector.programs.top-k=99999999999999999999"},
		{"--help"}, {"-h"}, {"--version"}, {"--version=false"}, {"extra"}, {"--", "extra"}, {"--nope"}, {"-"}, {"---x"},
		{"--all-netns=maybe"}, {"--web.telemetry-path=/a\nb"},
	} {
		f.Add(strings.Join(args, "\x00"))
	}
	f.Fuzz(func(t *testing.T, joined string) {
		var args []string
		if joined != "" {
			args = strings.Split(joined, "\x00")
		}
		var stdout, stderr bytes.Buffer
		s, code, done := parseFlags(args, &stdout, &stderr)
		switch {
		case !done:
			if code != 0 || stdout.Len() > 0 || stderr.Len() > 0 {
				t.Fatalf("%q: going on with code %d, stdout %q, stderr %q", args, code, stdout.String(), stderr.String())
			}
		case code == 0:
			if stdout.Len() == 0 || stderr.Len() > 0 {
				t.Fatalf("%q: help or version, but stdout %q, stderr %q", args, stdout.String(), stderr.String())
			}
			return
		case code == 2:
			if stderr.Len() == 0 || stdout.Len() > 0 {
				t.Fatalf("%q: refused, but stdout %q, stderr %q", args, stdout.String(), stderr.String())
			}
			return
		default:
			t.Fatalf("%q: exit code %d", args, code)
		}
		if !strings.HasPrefix(s.telemetryPath, "/") || s.telemetryPath == "/" || s.topPrograms < 1 || s.topListeners < 0 {
			t.Fatalf("%q: accepted settings out of bounds: %+v", args, s)
		}
		// The settings written back as flags read the same.
		again, code, done := parseFlags(settingsArgs(s), &stdout, &stderr)
		if done || code != 0 || again != s {
			t.Fatalf("%q: %+v reads back as %+v (%d, %v): %s", args, s, again, code, done, stderr.String())
		}
	})
}
