package diagnose

import (
	"bufio"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// thresholdText writes every threshold as a NAME=VALUE line.
func thresholdText(t *Thresholds) string {
	var b strings.Builder
	for _, name := range ThresholdNames() {
		b.WriteString(name + " = " + strconv.FormatFloat(*thresholdNames[name](t), 'g', -1, 64) + "\n")
	}
	return b.String()
}

// checkBounds fails unless every threshold is a finite number of at least 0.
func checkBounds(t *testing.T, th *Thresholds) {
	t.Helper()
	for _, name := range ThresholdNames() {
		if v := *thresholdNames[name](th); v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("%s = %v", name, v)
		}
	}
}

func FuzzSetThreshold(f *testing.F) {
	for _, name := range ThresholdNames() {
		f.Add(name, "80")
	}
	for _, v := range []string{" 2.5 ", "0", "-0", "-1", "1e308", "1e309", "0x1p4", "NaN", "+Inf", "inf", "1_000", "", "50%", "٣"} {
		f.Add("ports-warning", v)
	}
	f.Add("nope", "1")
	f.Add(" ports-warning", "1")
	f.Fuzz(func(t *testing.T, name, value string) {
		th := DefaultThresholds()
		err := th.Set(name, value)
		field, known := thresholdNames[name]
		if !known {
			if err == nil || !strings.Contains(err.Error(), "unknown check threshold") {
				t.Fatalf("unknown name %q: %v", name, err)
			}
		}
		if err != nil {
			if th != DefaultThresholds() {
				t.Fatalf("Set(%q, %q) failed (%v) but changed the thresholds", name, value, err)
			}
			return
		}
		checkBounds(t, &th)
		v := *field(&th)
		// Only the named threshold changed.
		def := DefaultThresholds()
		*field(&def) = v
		if th != def {
			t.Fatalf("Set(%q, %q) changed other thresholds", name, value)
		}
		// The value reads back from its shortest text.
		again := DefaultThresholds()
		if err := again.Set(name, strconv.FormatFloat(v, 'g', -1, 64)); err != nil || *field(&again) != v {
			t.Fatalf("%v does not read back: %v", v, err)
		}
	})
}

func FuzzLoadThresholds(f *testing.F) {
	f.Add([]byte("# my limits\n\n  close-wait-warning = 3\nports-critical=50.5\n"))
	f.Add([]byte("ports-warning=1\nbogus line\n"))
	f.Add([]byte("ports-warning=1\r\nports-critical = 2 # note\n"))
	f.Add([]byte("=\n#\n \t\n"))
	def := DefaultThresholds()
	f.Add([]byte(thresholdText(&def)))
	f.Fuzz(func(t *testing.T, data []byte) {
		th := DefaultThresholds()
		err := LoadThresholds(strings.NewReader(string(data)), &th)
		if err == nil {
			checkBounds(t, &th)
			// The result written out loads into the same thresholds.
			text := thresholdText(&th)
			var again Thresholds
			if err := LoadThresholds(strings.NewReader(text), &again); err != nil || again != th {
				t.Fatalf("%q loads back as %+v, %v", text, again, err)
			}
			return
		}
		if errors.Is(err, bufio.ErrTooLong) {
			return
		}
		// A numbered error names a line with a setting on it; the lines
		// before it load, and it alone does not.
		num, _, ok := strings.Cut(strings.TrimPrefix(err.Error(), "line "), ":")
		n, nErr := strconv.Atoi(num)
		lines := slices.Collect(strings.Lines(string(data)))
		if !strings.HasPrefix(err.Error(), "line ") || !ok || nErr != nil || n < 1 || n > len(lines) {
			t.Fatalf("error %q names no line of %d", err, len(lines))
		}
		line := strings.TrimSpace(lines[n-1])
		if line == "" || strings.HasPrefix(line, "#") {
			t.Fatalf("error %q names a blank or comment line %q", err, lines[n-1])
		}
		before := DefaultThresholds()
		if err := LoadThresholds(strings.NewReader(strings.Join(lines[:n-1], "")), &before); err != nil {
			t.Fatalf("the lines before line %d fail: %v", n, err)
		}
		alone := DefaultThresholds()
		if err := LoadThresholds(strings.NewReader(lines[n-1]), &alone); err == nil || !strings.HasPrefix(err.Error(), "line 1:") {
			t.Fatalf("line %d %q alone: %v", n, lines[n-1], err)
		}
	})
}
