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
)

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
	{Name: "help-extended", Val: valHelpExtended, Help: "display this help"},
}

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
		if lo.ArgName != "" {
			names += "=" + lo.ArgName
		}
		fmt.Fprintf(&b, "        %-25s%s\n", names, lo.Help)
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

// parseCount reads a decimal count from 1 to max.
func parseCount(s string, max int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, fmt.Errorf("want a whole number from 1 to %d", max)
	}
	return n, nil
}
