package cli

import (
	"fmt"
	"io"
	"strings"
)

// endOfOptions is the value getopt returns once the options are exhausted.
const endOfOptions = -1

// optError is the value getopt returns after reporting an error. It is also
// the value of a genuine "-?" when '?' is in the option string; like glibc,
// the caller cannot tell the two apart.
const optError = '?'

// option is what one getopt step produced.
type option struct {
	// Val is the option's value: a short option letter, a long option's
	// Val, optError or endOfOptions.
	Val int
	// Arg is the option's argument when it takes one.
	Arg string
	// LongIndex is the longOptions row that matched, or -1 for a short
	// option (and for errors and the end).
	LongIndex int
}

// getopt scans a command line the way glibc 2.36 getopt_long does for a
// program that leaves opterr on and whose option string has no leading '+',
// '-' or ':'. It writes glibc's diagnostics, prefixed with argv[0], to
// stderr as it meets them.
//
// Non-option words (those not starting with '-', plus "-" itself and the
// empty word) are skipped, so options may follow them ("permutation"),
// unless requireOrder is set (POSIXLY_CORRECT), in which case the first
// non-option ends the scan. The word "--" always ends it. Non-options are
// never returned: netstat ignores them.
type getopt struct {
	argv         []string
	shorts       string
	longs        []longOption
	requireOrder bool
	stderr       io.Writer
	// exts are the extension options (see extensionOptions): a long word
	// naming one of them exactly selects it; they take no part in
	// abbreviation, so they change nothing else.
	exts []longOption

	// optind is the index of the next word to examine.
	optind int
	// bundle is what is left of the short-option word being scanned
	// ("tulpn" after "-"), empty between words.
	bundle string
}

// newGetopt prepares a scan of argv (argv[0] included) with the given
// option string and long option table.
func newGetopt(argv []string, shorts string, longs []longOption, requireOrder bool, stderr io.Writer) *getopt {
	return &getopt{argv: argv, shorts: shorts, longs: longs, requireOrder: requireOrder, stderr: stderr, optind: 1}
}

// progName is argv[0] as invoked, which prefixes every getopt message.
func (g *getopt) progName() string {
	if len(g.argv) == 0 {
		return ""
	}
	return g.argv[0]
}

// isNonOption reports whether a word is an operand rather than options.
func isNonOption(word string) bool {
	return len(word) < 2 || word[0] != '-'
}

// next returns the next option, endOfOptions when there are none left, or
// optError after printing a diagnostic.
func (g *getopt) next() option {
	if g.bundle == "" {
		if !g.requireOrder {
			for g.optind < len(g.argv) && isNonOption(g.argv[g.optind]) {
				g.optind++
			}
		}
		if g.optind >= len(g.argv) {
			return option{Val: endOfOptions, LongIndex: -1}
		}
		word := g.argv[g.optind]
		if word == "--" {
			g.optind = len(g.argv)
			return option{Val: endOfOptions, LongIndex: -1}
		}
		if isNonOption(word) {
			return option{Val: endOfOptions, LongIndex: -1}
		}
		if word[1] == '-' {
			return g.long(word[2:])
		}
		g.bundle = word[1:]
	}
	return g.short()
}

// short handles the next letter of the current short-option word.
func (g *getopt) short() option {
	c := g.bundle[0]
	g.bundle = g.bundle[1:]
	if g.bundle == "" {
		g.optind++
	}
	pos := strings.IndexByte(g.shorts, c)
	if pos < 0 || c == ':' || c == ';' {
		io.WriteString(g.stderr, g.progName()+": invalid option -- '"+string([]byte{c})+"'\n")
		return option{Val: optError, LongIndex: -1}
	}
	opt := option{Val: int(c), LongIndex: -1}
	if pos+1 >= len(g.shorts) || g.shorts[pos+1] != ':' {
		return opt
	}
	switch {
	case g.bundle != "": // "-Ainet": the rest of the word is the argument
		opt.Arg = g.bundle
		g.bundle = ""
		g.optind++
	case g.optind < len(g.argv): // "-A inet": the next word, whatever it is
		opt.Arg = g.argv[g.optind]
		g.optind++
	default:
		io.WriteString(g.stderr, g.progName()+": option requires an argument -- '"+string([]byte{c})+"'\n")
		return option{Val: optError, LongIndex: -1}
	}
	return opt
}

// long handles a "--name" or "--name=value" word; text is what follows
// the two dashes.
func (g *getopt) long(text string) option {
	name, value, hasValue := strings.Cut(text, "=")
	for i := range g.exts {
		if g.exts[i].Name == name {
			g.optind++
			return g.longArgument(g.exts[i], -1, value, hasValue)
		}
	}
	idx := g.exactLong(name)
	if idx < 0 {
		var ambiguous []int
		idx, ambiguous = g.abbreviatedLong(name)
		if ambiguous != nil {
			var msg strings.Builder
			fmt.Fprintf(&msg, "%s: option '--%s' is ambiguous; possibilities:", g.progName(), text)
			for _, i := range ambiguous {
				fmt.Fprintf(&msg, " '--%s'", g.longs[i].Name)
			}
			msg.WriteByte('\n')
			io.WriteString(g.stderr, msg.String())
			g.optind++
			return option{Val: optError, LongIndex: -1}
		}
	}
	g.optind++
	if idx < 0 {
		fmt.Fprintf(g.stderr, "%s: unrecognized option '--%s'\n", g.progName(), text)
		return option{Val: optError, LongIndex: -1}
	}
	return g.longArgument(g.longs[idx], idx, value, hasValue)
}

// longArgument completes the long option lo (row idx of the net-tools
// table, or -1 for an extension option) once its word has been consumed:
// value is what followed '=' in it, if hasValue. A required argument
// without '=' is the next word, whatever it is.
func (g *getopt) longArgument(lo longOption, idx int, value string, hasValue bool) option {
	opt := option{Val: lo.Val, LongIndex: idx}
	switch {
	case hasValue && lo.Arg == noArgument:
		fmt.Fprintf(g.stderr, "%s: option '--%s' doesn't allow an argument\n", g.progName(), lo.Name)
		return option{Val: optError, LongIndex: -1}
	case hasValue:
		opt.Arg = value
	case lo.Arg == requiredArgument:
		if g.optind >= len(g.argv) {
			fmt.Fprintf(g.stderr, "%s: option '--%s' requires an argument\n", g.progName(), lo.Name)
			return option{Val: optError, LongIndex: -1}
		}
		opt.Arg = g.argv[g.optind]
		g.optind++
	}
	return opt
}

// exactLong returns the first row named exactly name, or -1.
func (g *getopt) exactLong(name string) int {
	for i := range g.longs {
		if g.longs[i].Name == name {
			return i
		}
	}
	return -1
}

// abbreviatedLong applies glibc's abbreviation rule to a name that matched
// no row exactly. The first row whose name starts with name is the
// candidate (-1 if none). Every later such row that differs from that first
// one in argument mode or value makes the abbreviation ambiguous; then the
// returned list holds the first row and all the differing ones, in table
// order, and is nil otherwise. Rows equal to the first are never listed.
func (g *getopt) abbreviatedLong(name string) (first int, ambiguous []int) {
	first = -1
	for i := range g.longs {
		lo := &g.longs[i]
		if !strings.HasPrefix(lo.Name, name) {
			continue
		}
		if first < 0 {
			first = i
			continue
		}
		if lo.Arg != g.longs[first].Arg || lo.Val != g.longs[first].Val {
			if ambiguous == nil {
				ambiguous = []int{first}
			}
			ambiguous = append(ambiguous, i)
		}
	}
	return first, ambiguous
}
