// Writes test vectors of Go's shortest float formatting (strconv.FormatFloat(f, 'e', -1, 64)), which the schematic
// ID depends on: `go run scripts/go/shortest-floats.go > fixtures/schematic-floats/go-shortest.txt`. Each line:
// the float's bits (decimal), the digits, the decimal exponent of the first digit. Not run by the tests (Go is not
// needed to build or test the project); the output is committed.
package main

import (
	"fmt"
	"math"
	"math/rand"
	"strconv"
	"strings"
)

func main() {
	r := rand.New(rand.NewSource(20261127))
	bits := []uint64{
		4833282423243565097, 4834672001517248377, // 17 digits, a tie at the last one: Go rounds to even
		math.Float64bits(1234.5), math.Float64bits(0.00123), math.Float64bits(1e21), math.Float64bits(5e-324),
		math.Float64bits(math.MaxFloat64), math.Float64bits(0.1), math.Float64bits(1.0 / 3.0),
	}
	for len(bits) < 5000 {
		b := r.Uint64() &^ (1 << 63)
		// Half random bit patterns, half values near 2^52 … 2^60 where 17-digit ties are common.
		if len(bits)%2 == 0 {
			b = math.Float64bits(float64(r.Int63n(1<<60)) + float64(r.Intn(4))/4)
		}
		f := math.Float64frombits(b)
		if math.IsInf(f, 0) || math.IsNaN(f) || f == 0 {
			continue
		}
		bits = append(bits, b)
	}
	for _, b := range bits {
		s := strconv.FormatFloat(math.Float64frombits(b), 'e', -1, 64)
		mantissa, exp, _ := strings.Cut(s, "e")
		digits := strings.TrimRight(strings.ReplaceAll(mantissa, ".", ""), "0")
		if digits == "" {
			digits = "0"
		}
		e, _ := strconv.Atoi(exp)
		fmt.Printf("%d %s %d\n", b, digits, e)
	}
}
