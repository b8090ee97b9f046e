package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Extension options are features net-tools does not have. They are long
// options only, and getopt accepts them only when spelled in full: their
// names are never used for abbreviations, so every abbreviation net-tools
// accepts keeps its meaning, and every word net-tools rejects is still
// rejected with its exact message unless it is exactly one of these names.
// None of these names may be a net-tools option name or a prefix of one
// (a test checks this), so no net-tools command line changes meaning.

// Values of the extension options, above every net-tools value.
const (
	valDNSTimeout = 512 + iota
	valDNSBudget
	valDNSParallel
	valHelpExtended
	valJSON
	valState
	valPort
	valSPort
	valDPort
	valAddr
	valPID
	valProgramName
	valUser
	valSummary
	valCount
	valTop
	valWatch
	valNetNS
	valAllNetNS
	valTCPInfo
	valNAT
	valCheck
	valCheckInterval
	valCheckConfig
	valCheckSet
)

// defaultWatch is the refresh interval of --watch without a value.
const defaultWatch = time.Second

// maxDNSParallel is the largest --dns-parallel accepted.
const maxDNSParallel = 1024

// extensionOptions is the table of extension options, in the order
// --help-extended lists them. ArgName names the argument in the help.
var extensionOptions = [...]longOption{
	{Name: "dns-timeout", Arg: requiredArgument, Val: valDNSTimeout, ArgName: "DURATION",
		Help: "give up one DNS reverse lookup after DURATION (default 1s)"},
	{Name: "dns-budget", Arg: requiredArgument, Val: valDNSBudget, ArgName: "DURATION",
		Help: "stop asking DNS once lookups took DURATION in all (default 2s)"},
	{Name: "dns-parallel", Arg: requiredArgument, Val: valDNSParallel, ArgName: "N",
		Help: "run at most N DNS lookups at once, 1 to 1024 (default 16)"},
	{Name: "json", Val: valJSON, Help: "print the table as JSON (schema: docs/json.md)"},
	{Name: "state", Arg: requiredArgument, Val: valState, ArgName: "LIST",
		Help: "only sockets in these states (LISTEN,ESTABLISHED,...; connected, synchronized)"},
	{Name: "port", Arg: requiredArgument, Val: valPort, ArgName: "LIST",
		Help: "only sockets with one of these ports at either end (80,443,8000-8080)"},
	{Name: "sport", Arg: requiredArgument, Val: valSPort, ArgName: "LIST",
		Help: "only sockets with one of these local ports"},
	{Name: "dport", Arg: requiredArgument, Val: valDPort, ArgName: "LIST",
		Help: "only sockets with one of these remote ports"},
	{Name: "addr", Arg: requiredArgument, Val: valAddr, ArgName: "PREFIX",
		Help: "only sockets with an address in PREFIX (CIDR, comma-separated) at either end"},
	{Name: "pid", Arg: requiredArgument, Val: valPID, ArgName: "LIST",
		Help: "only sockets held by one of these process ids"},
	{Name: "program-name", Arg: requiredArgument, Val: valProgramName, ArgName: "NAME",
		Help: "only sockets held by a program of this name"},
	{Name: "user", Arg: requiredArgument, Val: valUser, ArgName: "NAME|UID",
		Help: "only sockets of this user"},
	{Name: "summary", Val: valSummary, Help: "count sockets per protocol, family and state"},
	{Name: "count", Arg: requiredArgument, Val: valCount, ArgName: "KEY",
		Help: "count sockets by KEY: state, lport, raddr, program or user"},
	{Name: "top", Arg: requiredArgument, Val: valTop, ArgName: "N",
		Help: "with --count, print only the N largest counts"},
	{Name: "watch", Arg: optionalArgument, Val: valWatch, ArgName: "SECONDS",
		Help: "refresh every SECONDS (default 1) and show what changed"},
	{Name: "netns", Arg: requiredArgument, Val: valNetNS, ArgName: "NAME|PATH|PID",
		Help: "read the tables of another network namespace"},
	{Name: "all-netns", Val: valAllNetNS, Help: "read the tables of every network namespace on the host"},
	{Name: "tcp-info", Val: valTCPInfo, Help: "show the kernel's TCP internals (rtt, cwnd, retransmits, rates)"},
	{Name: "nat", Val: valNAT, Help: "list tracked connections and their address translation"},
	{Name: "check", Val: valCheck, Help: "diagnose the host; exit 0 ok, 1 warning, 2 critical"},
	{Name: "check-interval", Arg: requiredArgument, Val: valCheckInterval, ArgName: "DURATION",
		Help: "sample rates over DURATION for --check (default 1s)"},
	{Name: "check-config", Arg: requiredArgument, Val: valCheckConfig, ArgName: "FILE",
		Help: "read --check thresholds from FILE (NAME=VALUE lines)"},
	{Name: "check-set", Arg: requiredArgument, Val: valCheckSet, ArgName: "NAME=VALUE",
		Help: "set one --check threshold (repeatable)"},
	{Name: "help-extended", Val: valHelpExtended, Help: "display this help"},
}

// helpNameWidth is the width of the option column of the extended help.
const helpNameWidth = 29

// extendedHelpTail follows the option lines of the extended help.
const extendedHelpTail = "\n" +
	"  DURATION is a number of seconds or a Go duration such as 500ms or 1m30s.\n" +
	"  A host whose lookup times out, or comes after the budget is spent, is\n" +
	"  shown as a number, as when DNS has no name for it.\n"

// ExtendedHelpText returns what --help-extended prints on stdout.
func ExtendedHelpText() string {
	var b strings.Builder
	b.WriteString("Options beyond net-tools 2.10 (long options, accepted only when spelled in full):\n\n")
	for _, lo := range extensionOptions {
		names := "--" + lo.Name
		switch {
		case lo.Arg == optionalArgument:
			names += "[=" + lo.ArgName + "]"
		case lo.ArgName != "":
			names += "=" + lo.ArgName
		}
		fmt.Fprintf(&b, "        %-*s%s\n", helpNameWidth, names, lo.Help)
	}
	b.WriteString(extendedHelpTail)
	return b.String()
}

// applyExtension carries out an extension option. handled is false for
// any other value. An invalid argument ends the program with ExitUsage.
func applyExtension(o option, opts *Options, stdout, stderr io.Writer) (exit int, done, handled bool) {
	var err error
	switch o.Val {
	case valDNSTimeout:
		opts.DNSTimeout, err = parseDuration(o.Arg)
	case valDNSBudget:
		opts.DNSBudget, err = parseDuration(o.Arg)
	case valDNSParallel:
		opts.DNSParallel, err = parseCount(o.Arg, maxDNSParallel)
	case valHelpExtended:
		io.WriteString(stdout, ExtendedHelpText())
		return ExitOK, true, true
	case valJSON:
		opts.JSON = true
	case valState:
		opts.Filters.State = o.Arg
	case valPort:
		opts.Filters.Port = o.Arg
	case valSPort:
		opts.Filters.SPort = o.Arg
	case valDPort:
		opts.Filters.DPort = o.Arg
	case valAddr:
		opts.Filters.Addr = o.Arg
	case valPID:
		opts.Filters.PID = o.Arg
	case valProgramName:
		opts.Filters.Program = o.Arg
	case valUser:
		opts.Filters.User = o.Arg
	case valSummary:
		opts.Summary = true
	case valCount:
		opts.Count, err = parseCountKey(o.Arg)
	case valTop:
		opts.Top, err = parseCount(o.Arg, 1<<30)
	case valWatch:
		opts.Watch = defaultWatch
		if o.Arg != "" {
			opts.Watch, err = parseDuration(o.Arg)
		}
	case valNetNS:
		if o.Arg == "" {
			err = fmt.Errorf("want a name, a path or a process id")
		}
		opts.NetNS = o.Arg
	case valAllNetNS:
		opts.AllNetNS = true
	case valTCPInfo:
		opts.TCPInfo = true
	case valNAT:
		opts.NAT = true
	case valCheck:
		opts.Check = true
	case valCheckInterval:
		opts.CheckInterval, err = parseDuration(o.Arg)
	case valCheckConfig:
		opts.CheckConfig = o.Arg
	case valCheckSet:
		if !strings.Contains(o.Arg, "=") {
			err = fmt.Errorf("want NAME=VALUE")
		} else if opts.CheckSet == "" {
			opts.CheckSet = o.Arg
		} else {
			opts.CheckSet += "\n" + o.Arg
		}
	default:
		return 0, false, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "netstat: invalid argument '%s' for --%s: %v\n", o.Arg, extensionName(o.Val), err)
		return ExitUsage, true, true
	}
	return 0, false, true
}

// extensionName returns the name of the extension option with value val.
func extensionName(val int) string {
	for _, lo := range extensionOptions {
		if lo.Val == val {
			return lo.Name
		}
	}
	return ""
}

// parseDuration reads a positive duration: a decimal number of seconds
// ("3", "0.5") or Go duration syntax ("500ms", "1m30s").
func parseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		secs, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || strings.ContainsAny(s, "xXpPeEiInN_") {
			return 0, fmt.Errorf("want seconds or a duration such as 500ms")
		}
		if secs > float64(1<<63-1)/float64(time.Second) {
			return 0, fmt.Errorf("too long")
		}
		d = time.Duration(secs * float64(time.Second))
	}
	if d <= 0 {
		return 0, fmt.Errorf("must be more than zero")
	}
	return d, nil
}

// parseCountKey checks a --count key.
func parseCountKey(s string) (string, error) {
	for _, k := range CountKeys {
		if s == k {
			return s, nil
		}
	}
	return "", fmt.Errorf("want one of %s", strings.Join(CountKeys, ", "))
}

// parseCount reads a decimal count from 1 to max.
func parseCount(s string, max int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, fmt.Errorf("want a whole number from 1 to %d", max)
	}
	return n, nil
}
