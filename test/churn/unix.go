package churn

import (
	"fmt"
	"regexp"
	"strings"
)

// Headers of `netstat -xp` (UNIX sockets without listeners).
const (
	unixTitle = "Active UNIX domain sockets (w/o servers)"
	unixHeadP = "Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path"
)

// unixFlags matches the Flags column: the kernel flags net-tools decodes.
var unixFlags = `\[ (?:ACC )?(?:W )?(?:N )?\]`

// unixTypes and unixStates are what net-tools prints in those columns.
var (
	unixTypes  = map[string]bool{"STREAM": true, "DGRAM": true, "RAW": true, "RDM": true, "SEQPACKET": true}
	unixStates = map[string]bool{"": true, "FREE": true, "LISTENING": true, "CONNECTING": true, "CONNECTED": true, "DISCONNECTING": true}
)

// unixLayout is the row of `netstat -xp`: "%-5s %-6ld %-11s %-10s %-13s
// %-8lu %-20s %s" (protocol, RefCnt, flags, type, state, inode, program,
// path).
var unixLayout = []field{
	f("proto", "unix", 5, " "),
	f("refcnt", numberPattern, 6, " "),
	f("flags", unixFlags, 11, " "),
	f("type", `[A-Z]+`, 10, " "),
	f("state", `[A-Z]*`, 13, " "),
	f("inode", numberPattern, 8, " "),
	{name: "program", re: anchored(`-|[0-9]+/.*`), width: 20, fixed: true, sep: " "},
	{name: "path", re: anchored(`.*`), rest: true},
}

// checkUnixRow parses one UNIX row: known type and state, no listening
// socket (-x without -a hides them), a path that is empty, abstract or in
// the test's directory, and a program that the test started or "-".
func checkUnixRow(line string, procs *procSet, dir string) error {
	v, err := parseFields(line, unixLayout)
	if err != nil {
		return err
	}
	flags, typ, state, path := v[2], v[3], v[4], v[7]
	// A socket caught while the kernel tears it down can show a type
	// outside net-tools' table, which net-tools (and we) print as
	// UNKNOWN; it has no inode by then.
	tornDown := typ == "UNKNOWN" && v[5] == "0"
	if !unixTypes[typ] && !tornDown {
		return fmt.Errorf("type %q is not a UNIX socket type", typ)
	}
	if !unixStates[state] {
		return fmt.Errorf("state %q is not a UNIX socket state", state)
	}
	if state == "LISTENING" || strings.Contains(flags, "ACC") {
		return fmt.Errorf("listening socket (%s %s) listed without -a", flags, state)
	}
	if path != "" && !testPath.MatchString(strings.TrimPrefix(path, dir+"/")) {
		return fmt.Errorf("path %q was not made by the test", path)
	}
	return procs.check(v[6])
}

// testPath matches the names the test gives UNIX sockets: abstract ones
// and files in its directory (with that directory removed).
var testPath = regexp.MustCompile(`^@?gnst-[a-z0-9-]+$|^[a-z]+-?[0-9]*\.sock(-dgram)?$`)

// anchored compiles re anchored at the start of the text.
func anchored(re string) *regexp.Regexp { return regexp.MustCompile(`^(?:` + re + `)`) }
