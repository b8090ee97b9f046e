package compat

import (
	"math/rand/v2"
	"strings"
)

// This file generates random, valid-looking netstat command lines for
// TestRandomOptions. Every line is derived from (seed, index) alone, so a
// failing line is replayed by running the test with the same seed,
// whatever the number of cases.

// randomLine is one generated command line and how it is checked.
type randomLine struct {
	// Args are the netstat arguments, argv[0] excluded.
	Args []string
	// Timers is set when the line asks for -o, whose timer values may
	// differ slightly between the two runs.
	Timers bool
	// AlsoNobody says the line is run as nobody as well as root.
	AlsoNobody bool
	// Counters is set for -i and -s, whose numbers move with any packet
	// in the namespace.
	Counters bool
}

// netToolsLong lists net-tools 2.10's long options in table order, as the
// spec gives them, with what each one does: "af:NAME" for the family
// aliases, "=X" for options that act like the short option X, and the
// option's own name otherwise. Options whose `has_arg` differs are marked
// by a trailing ":". getopt_long's abbreviation rule reads this table.
var netToolsLong = [...]struct{ name, effect string }{
	{"ax25", "af:ax25"}, {"x25", "af:x25"}, {"ip", "af:ip"}, {"ipx", "af:ipx"},
	{"appletalk", "af:appletalk"}, {"netrom", "af:netrom"}, {"inet", "af:inet"},
	{"inet6", "af:inet6"}, {"ddp", "af:ddp"}, {"rose", "af:rose"},
	{"unix", "af:unix"}, {"bluetooth", "af:bluetooth"}, {"tcpip", "af:tcpip"},
	{"version", "=V"}, {"interfaces", "=i"}, {"help", "=h"}, {"route", "=r"},
	{"masquerade", "=M"}, {"protocol", "=A:"}, {"tcp", "=t"}, {"sctp", "=S"},
	{"udp", "=u"}, {"udplite", "=U"}, {"raw", "=w"}, {"unix", "=x"},
	{"l2cap", "=2"}, {"rfcomm", "=f"}, {"listening", "=l"}, {"all", "=a"},
	{"timers", "=o"}, {"continuous", "=c"}, {"extend", "=e"},
	{"programs", "=p"}, {"verbose", "=v"}, {"statistics", "=s"},
	{"wide", "=W"}, {"numeric", "=n"}, {"numeric-hosts", "numeric-hosts"},
	{"numeric-ports", "numeric-ports"}, {"numeric-users", "numeric-users"},
	{"symbolic", "=N"}, {"cache", "=C"}, {"fib", "=F"}, {"groups", "=g"},
	{"context", "=Z"},
}

// getoptKey is what glibc compares to decide that two matches of an
// abbreviation differ: the argument mode and the value. All family aliases
// share one value.
func getoptKey(effect string) string {
	if strings.HasPrefix(effect, "af:") {
		return "af"
	}
	return effect
}

// longEffect returns what "--text" selects under getopt_long's rules (an
// exact name first, else the first prefix match when no later match has
// another key), or "" when it is unknown or ambiguous.
func longEffect(text string) string {
	for _, o := range netToolsLong {
		if o.name == text {
			return o.effect
		}
	}
	first := ""
	for _, o := range netToolsLong {
		if !strings.HasPrefix(o.name, text) {
			continue
		}
		if first == "" {
			first = o.effect
		} else if getoptKey(o.effect) != getoptKey(first) {
			return ""
		}
	}
	return first
}

// genFlag is one option without argument the generator may emit: its short
// letter (0 when it has none) and its long name ("" when it has none).
type genFlag struct {
	short byte
	long  string
}

// The options the generator draws from.
var (
	flagTCP      = genFlag{'t', "tcp"}
	flagUDP      = genFlag{'u', "udp"}
	flagRaw      = genFlag{'w', "raw"}
	flagUnix     = genFlag{'x', "unix"}
	flagUDPLite  = genFlag{'U', "udplite"}
	flagSCTP     = genFlag{'S', "sctp"}
	flagListen   = genFlag{'l', "listening"}
	flagAll      = genFlag{'a', "all"}
	flagNumeric  = genFlag{'n', "numeric"}
	flagSymbolic = genFlag{'N', "symbolic"}
	flagExtend   = genFlag{'e', "extend"}
	flagPrograms = genFlag{'p', "programs"}
	flagTimers   = genFlag{'o', "timers"}
	flagWide     = genFlag{'W', "wide"}
	flagVerbose  = genFlag{'v', "verbose"}
	flagInet     = genFlag{'4', "inet"}
	flagInet6    = genFlag{'6', "inet6"}
	flagHosts    = genFlag{0, "numeric-hosts"}
	flagPorts    = genFlag{0, "numeric-ports"}
	flagUsers    = genFlag{0, "numeric-users"}
	flagRoute    = genFlag{'r', "route"}
	flagIfaces   = genFlag{'i', "interfaces"}
	flagGroups   = genFlag{'g', "groups"}
	flagStats    = genFlag{'s', "statistics"}
	flagMasq     = genFlag{'M', "masquerade"}
	flagCache    = genFlag{'C', "cache"}
	flagFIB      = genFlag{'F', "fib"}
)

// weighted is an option and the probability that a line includes it.
type weighted struct {
	flag genFlag
	p    float64
}

// listingFlags are the options of the socket listing lines.
var listingFlags = []weighted{
	{flagTCP, 0.25}, {flagUDP, 0.2}, {flagRaw, 0.15}, {flagUnix, 0.2},
	{flagUDPLite, 0.1}, {flagSCTP, 0.08}, {flagListen, 0.2}, {flagAll, 0.35},
	{flagNumeric, 0.45}, {flagSymbolic, 0.1}, {flagPrograms, 0.3},
	{flagTimers, 0.2}, {flagWide, 0.25}, {flagVerbose, 0.12},
	{flagInet, 0.12}, {flagInet6, 0.12},
	{flagHosts, 0.1}, {flagPorts, 0.1}, {flagUsers, 0.1},
}

// A mode is one of the other tables: its own option and the options that
// may accompany it.
type mode struct {
	flag   genFlag
	extras []weighted
	// extend says whether -e may be given (once or twice).
	extend bool
}

// otherModes are the non-listing modes, each drawn with the weight shown
// in modeWeights.
var otherModes = []mode{
	{flagRoute, []weighted{{flagNumeric, 0.5}, {flagSymbolic, 0.2}, {flagCache, 0.25},
		{flagFIB, 0.25}, {flagInet6, 0.3}, {flagVerbose, 0.2}, {flagWide, 0.3}}, true},
	{flagIfaces, []weighted{{flagAll, 0.4}, {flagNumeric, 0.4}, {flagWide, 0.3},
		{flagVerbose, 0.2}}, true},
	{flagGroups, []weighted{{flagNumeric, 0.5}, {flagWide, 0.3}, {flagInet, 0.25},
		{flagInet6, 0.25}}, false},
	{flagStats, []weighted{{flagTCP, 0.3}, {flagUDP, 0.3}, {flagRaw, 0.3},
		{flagInet6, 0.3}}, false},
	{flagMasq, []weighted{{flagNumeric, 0.3}, {flagSymbolic, 0.2}}, true},
}

// listingShare is the share of lines that are socket listings; the rest
// are spread over otherModes.
const listingShare = 0.7

// nobodyShare is the share of lines also run as nobody.
const nobodyShare = 1.0 / 3

// familyWords are the keywords -A / --protocol may list.
var familyWords = []string{"inet", "inet6", "unix"}

// item is one option of a line before it is spelled: a flag, or a family
// list for -A (flag zero).
type item struct {
	flag     genFlag
	families string
}

// generateLine returns line number index of the sequence for seed.
func generateLine(seed uint64, index int) randomLine {
	r := rand.New(rand.NewPCG(seed, uint64(index)))
	var items []item
	var line randomLine
	if r.Float64() < listingShare {
		items = listingItems(r)
	} else {
		m := otherModes[r.IntN(len(otherModes))]
		items = modeItems(r, m)
		line.Counters = m.flag == flagIfaces || m.flag == flagStats
	}
	line.AlsoNobody = r.Float64() < nobodyShare
	for _, it := range items {
		line.Timers = line.Timers || it.flag == flagTimers
	}
	r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	line.Args = spell(r, items)
	return line
}

// listingItems draws the options of a socket listing line.
func listingItems(r *rand.Rand) []item {
	items := drawFlags(r, listingFlags)
	items = append(items, drawExtend(r, 0.35)...)
	if r.Float64() < 0.25 {
		n := 1 + r.IntN(2)
		words := make([]string, n)
		for i := range words {
			words[i] = familyWords[r.IntN(len(familyWords))]
		}
		items = append(items, item{families: strings.Join(words, ",")})
	}
	return items
}

// modeItems draws the options of a line in mode m.
func modeItems(r *rand.Rand, m mode) []item {
	items := append([]item{{flag: m.flag}}, drawFlags(r, m.extras)...)
	if m.extend {
		items = append(items, drawExtend(r, 0.4)...)
	}
	return items
}

// drawFlags includes each option with its probability.
func drawFlags(r *rand.Rand, from []weighted) []item {
	var items []item
	for _, w := range from {
		if r.Float64() < w.p {
			items = append(items, item{flag: w.flag})
		}
	}
	return items
}

// drawExtend returns -e with probability p, given twice a third of the
// time.
func drawExtend(r *rand.Rand, p float64) []item {
	switch {
	case r.Float64() >= p:
		return nil
	case r.IntN(3) == 0:
		return []item{{flag: flagExtend}, {flag: flagExtend}}
	default:
		return []item{{flag: flagExtend}}
	}
}

// spell turns items into words: short options bundled or separate, long
// options in full or abbreviated, -A in each of its forms.
func spell(r *rand.Rand, items []item) []string {
	var words []string
	bundle := ""
	flush := func() {
		if bundle != "" {
			words = append(words, "-"+bundle)
			bundle = ""
		}
	}
	for _, it := range items {
		if bundle != "" && r.IntN(3) == 0 {
			flush()
		}
		if it.families != "" {
			switch r.IntN(5) {
			case 0: // -A inet (possibly ending a bundle)
				words = append(words, "-"+bundle+"A", it.families)
				bundle = ""
			case 1: // -Ainet (possibly ending a bundle)
				words = append(words, "-"+bundle+"A"+it.families)
				bundle = ""
			case 2:
				flush()
				words = append(words, "--"+abbreviate(r, "protocol")+"="+it.families)
			case 3:
				flush()
				words = append(words, "--"+abbreviate(r, "protocol"), it.families)
			default:
				flush()
				words = append(words, "--protocol="+it.families)
			}
			continue
		}
		if it.flag.short != 0 && (it.flag.long == "" || r.IntN(3) != 0) {
			bundle += string(it.flag.short)
			continue
		}
		flush()
		words = append(words, "--"+abbreviate(r, it.flag.long))
	}
	flush()
	return words
}

// abbreviate returns name in full half of the time, otherwise a random
// prefix of it that getopt_long resolves to the same option.
func abbreviate(r *rand.Rand, name string) string {
	if r.IntN(2) == 0 {
		return name
	}
	want := longEffect(name)
	var prefixes []string
	for n := 1; n < len(name); n++ {
		if longEffect(name[:n]) == want {
			prefixes = append(prefixes, name[:n])
		}
	}
	if len(prefixes) == 0 {
		return name
	}
	return prefixes[r.IntN(len(prefixes))]
}
