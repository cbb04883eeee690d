/**
 * A regular-expression engine written in JSONata, so that `RetryErrorMatch` works inside the state machine:
 * Step Functions' JSONata cannot build a regex from a string at run time (`$eval` is unavailable).
 *
 * `$rxCompile(pattern)` parses the supported subset of Python `re` syntax into a Thompson NFA
 * (`{"s": states, "in": entry}`), or returns `{"e": reason}` for anything outside the subset.
 * `$rxMatch(nfa, text)` tells whether `re.match(pattern, text)` would match (anchored at the start of `text`,
 * not at its end) by simulating the NFA over the set of live states: time O(len(text) × states), no back-tracking.
 *
 * State kinds: `m` match (always index 0), `c` consumes one character of a class, `e` epsilon split,
 * `^` / `$` zero-width anchors. Character classes are ASCII, like Python's `re.ASCII`.
 */

/** Upper bound of `{m,n}` counts; keeps the expanded NFA small. */
export const RX_MAX_REPEAT = 100;
/** Upper bound of NFA states; keeps the matcher's work per character bounded. */
export const RX_MAX_STATES = 2000;

/** JSONata bindings defining `$rxCompile`. Must be placed inside a `( ... )` block before use. */
export const RX_COMPILE_FUNCTION = String.raw`
$rxCompile := function($p) {(
  $c := $split($p, '');
  $n := $count($c);
  $err := function($i, $msg) { {"e": $msg & ' at position ' & $string($i)} };
  $isAlnum := function($ch) { ($ch >= 'a' and $ch <= 'z') or ($ch >= 'A' and $ch <= 'Z') or ($ch >= '0' and $ch <= '9') };
  $ctl := {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\u000b"};
  $escLit := function($e) { $exists($lookup($ctl, $e)) ? $lookup($ctl, $e) : ($isAlnum($e) ? () : $e) };
  $digits := function($i, $acc) { ($i < $n and $c[$i] >= '0' and $c[$i] <= '9') ? $digits($i + 1, $acc & $c[$i]) : {"v": $acc, "p": $i} };
  $lit := function($ch) { {"t": "c", "neg": false, "items": [{"lo": $ch, "hi": $ch}]} };
  $classAtom := function($i) {(
    $ch := $c[$i];
    $ch = '\\' ? (
      $i + 1 >= $n ? $err($i, 'unterminated character set') : (
        $e := $c[$i + 1];
        $e in ['d', 'w', 's'] ? {"item": {"sh": $e, "not": false}, "p": $i + 2} :
        $e in ['D', 'W', 'S'] ? {"item": {"sh": $lowercase($e), "not": true}, "p": $i + 2} :
        $exists($escLit($e)) ? {"item": {"lo": $escLit($e), "hi": $escLit($e)}, "ch": $escLit($e), "p": $i + 2} :
        $err($i, 'unsupported escape \\' & $e)
      )
    ) : {"item": {"lo": $ch, "hi": $ch}, "ch": $ch, "p": $i + 1}
  )};
  $classItems := function($i, $items, $first, $neg) {(
    $ch := $c[$i];
    $i >= $n ? $err($i, 'unterminated character set') :
    ($ch = ']' and $not($first)) ? {"n": {"t": "c", "neg": $neg, "items": $items}, "p": $i + 1} :
    (
      $a := $classAtom($i);
      $exists($a.e) ? $a :
      ($c[$a.p] = '-' and $a.p + 1 < $n and $c[$a.p + 1] != ']') ? (
        $b := $classAtom($a.p + 1);
        $exists($b.e) ? $b :
        ($exists($a.ch) and $exists($b.ch)) ? (
          $a.ch > $b.ch ? $err($i, 'bad character range ' & $a.ch & '-' & $b.ch) :
          $classItems($b.p, $append($items, {"lo": $a.ch, "hi": $b.ch}), false, $neg)
        ) : $err($i, 'bad character range')
      ) : $classItems($a.p, $append($items, $a.item), false, $neg)
    )
  )};
  $escape := function($i) {(
    $e := $c[$i];
    $i >= $n ? $err($i - 1, 'bad escape (end of pattern)') :
    $e in ['d', 'w', 's'] ? {"n": {"t": "c", "neg": false, "items": [{"sh": $e, "not": false}]}, "p": $i + 1} :
    $e in ['D', 'W', 'S'] ? {"n": {"t": "c", "neg": false, "items": [{"sh": $lowercase($e), "not": true}]}, "p": $i + 1} :
    $exists($escLit($e)) ? {"n": $lit($escLit($e)), "p": $i + 1} :
    $err($i - 1, 'unsupported escape \\' & $e)
  )};
  $braces := function($i) {(
    $lo := $digits($i + 1, '');
    $lo.v = '' ? $err($i, 'unsupported use of { (escape a literal brace as \\{; write {0,n} rather than {,n})') :
    $c[$lo.p] = '}' ? {"min": $number($lo.v), "max": $number($lo.v), "p": $lo.p + 1} :
    $c[$lo.p] = ',' ? (
      $hi := $digits($lo.p + 1, '');
      $c[$hi.p] != '}' ? $err($i, 'unsupported use of { (escape a literal brace as \\{)') :
      $hi.v = '' ? {"min": $number($lo.v), "max": -1, "p": $hi.p + 1} :
      $number($lo.v) > $number($hi.v) ? $err($i, 'min repeat greater than max repeat') :
      {"min": $number($lo.v), "max": $number($hi.v), "p": $hi.p + 1}
    ) : $err($i, 'unsupported use of { (escape a literal brace as \\{)')
  )};
  $quant := function($a) {(
    $i := $a.p;
    $ch := $c[$i];
    $q := $ch = '*' ? {"min": 0, "max": -1, "p": $i + 1} :
          $ch = '+' ? {"min": 1, "max": -1, "p": $i + 1} :
          $ch = '?' ? {"min": 0, "max": 1, "p": $i + 1} :
          $ch = '{' ? $braces($i) : ();
    $not($exists($q)) ? $a :
    $exists($q.e) ? $q :
    $a.anchor ? $err($i, 'nothing to repeat') :
    $c[$q.p] in ['*', '+', '?', '{'] ? $err($q.p, 'multiple repeat (lazy, possessive and nested quantifiers are not supported)') :
    ($q.min > ${RX_MAX_REPEAT} or $q.max > ${RX_MAX_REPEAT}) ? $err($i, 'repeat count above ${RX_MAX_REPEAT}') :
    {"n": {"t": "s", "xs": $append(
        $append([], $map([1..$q.min], function() { $a.n })),
        $q.max = -1 ? [{"t": "*", "x": $a.n}] : $append([], $map([1..($q.max - $q.min)], function() { {"t": "?", "x": $a.n} }))
      )}, "p": $q.p}
  )};
  $atom := function($i) {(
    $ch := $c[$i];
    $ch = '(' ? (
      $c[$i + 1] = '?' ? $err($i, 'unsupported group syntax (?') : (
        $r := $alt($i + 1);
        $exists($r.e) ? $r : ($c[$r.p] = ')' ? {"n": $r.n, "p": $r.p + 1} : $err($i, 'missing ), unterminated subpattern'))
      )
    ) :
    $ch = '[' ? ($c[$i + 1] = '^' ? $classItems($i + 2, [], true, true) : $classItems($i + 1, [], true, false)) :
    $ch = '.' ? {"n": {"t": "c", "neg": true, "items": [{"lo": "\n", "hi": "\n"}]}, "p": $i + 1} :
    $ch = '^' ? {"n": {"t": "^"}, "p": $i + 1, "anchor": true} :
    $ch = '$' ? {"n": {"t": "$"}, "p": $i + 1, "anchor": true} :
    $ch = '\\' ? $escape($i + 1) :
    $ch in ['*', '+', '?'] ? $err($i, 'nothing to repeat') :
    $ch = '{' ? $err($i, 'unsupported use of { (escape a literal brace as \\{)') :
    {"n": $lit($ch), "p": $i + 1}
  )};
  $seq := function($i, $xs) {(
    $ch := $c[$i];
    ($i >= $n or $ch = '|' or $ch = ')') ? {"n": {"t": "s", "xs": $xs}, "p": $i} : (
      $a := $atom($i);
      $exists($a.e) ? $a : (
        $q := $quant($a);
        $exists($q.e) ? $q : $seq($q.p, $append($xs, $q.n))
      )
    )
  )};
  $altMore := function($branches, $i) {
    $c[$i] = '|' ? (
      $r := $seq($i + 1, []);
      $exists($r.e) ? $r : $altMore($append($branches, $r.n), $r.p)
    ) : {"n": $count($branches) = 1 ? $branches[0] : {"t": "a", "xs": $branches}, "p": $i}
  };
  $alt := function($i) {(
    $r := $seq($i, []);
    $exists($r.e) ? $r : $altMore([$r.n], $r.p)
  )};
  $emitList := function($xs, $k, $b, $nx, $states, $entries) {
    $k >= $count($xs) ? {"s": $states, "entries": $entries} : (
      $r := $emit($xs[$k], $b, $nx);
      $emitList($xs, $k + 1, $b + $count($r.s), $nx, $append($states, $r.s), $append($entries, $r.in))
    )
  };
  $emitSeq := function($xs, $k, $b, $nx, $states) {
    $k < 0 ? {"s": $states, "in": $nx} : (
      $r := $emit($xs[$k], $b, $nx);
      $emitSeq($xs, $k - 1, $b + $count($r.s), $r.in, $append($states, $r.s))
    )
  };
  $emit := function($x, $b, $nx) {(
    $t := $x.t;
    $t = 'c' ? {"s": [{"k": "c", "neg": $x.neg, "items": $x.items, "o": $nx}], "in": $b} :
    ($t = '^' or $t = '$') ? {"s": [{"k": $t, "o": $nx}], "in": $b} :
    $t = 's' ? $emitSeq($append([], $x.xs), $count($x.xs) - 1, $b, $nx, []) :
    $t = 'a' ? (
      $r := $emitList($x.xs, 0, $b + 1, $nx, [], []);
      {"s": $append([{"k": "e", "o": $r.entries}], $r.s), "in": $b}
    ) :
    $t = '*' ? (
      $r := $emit($x.x, $b + 1, $b);
      {"s": $append([{"k": "e", "o": [$r.in, $nx]}], $r.s), "in": $b}
    ) : (
      $r := $emit($x.x, $b + 1, $nx);
      {"s": $append([{"k": "e", "o": [$r.in, $nx]}], $r.s), "in": $b}
    )
  )};
  $tree := $alt(0);
  $exists($tree.e) ? $tree :
  $tree.p < $n ? $err($tree.p, 'unbalanced parenthesis') : (
    $r := $emit($tree.n, 1, 0);
    $count($r.s) + 1 > ${RX_MAX_STATES} ? {"e": 'pattern too large (more than ${RX_MAX_STATES} NFA states)'} :
    {"s": $append([{"k": "m"}], $r.s), "in": $r.in}
  )
)}`;

/** JSONata bindings defining `$rxMatch`. Must be placed inside a `( ... )` block before use. */
export const RX_MATCH_FUNCTION = String.raw`
$rxMatch := function($nfa, $text) {(
  $S := $merge($append([{}], $map($nfa.s, function($s, $i) { {$string($i): $s} })));
  $state := function($id) { $lookup($S, $string($id)) };
  $tx := $split($text, '');
  $len := $count($tx);
  $lastIsNewline := $len > 0 and $tx[$len - 1] = "\n";
  $inShort := function($sh, $ch) {
    $sh = 'd' ? ($ch >= '0' and $ch <= '9') :
    $sh = 'w' ? (($ch >= 'a' and $ch <= 'z') or ($ch >= 'A' and $ch <= 'Z') or ($ch >= '0' and $ch <= '9') or $ch = '_') :
    ($ch = ' ' or ($ch >= "\t" and $ch <= "\r"))
  };
  $itemHit := function($it, $ch) { $exists($it.sh) ? ($inShort($it.sh, $ch) != $it.not) : ($ch >= $it.lo and $ch <= $it.hi) };
  $classHit := function($s, $ch) {(
    $hit := $count($filter($s.items, function($it) { $itemHit($it, $ch) })) > 0;
    $s.neg ? $not($hit) : $hit
  )};
  $push := function($ids, $k, $st) { $k >= $count($ids) ? $st : $push($ids, $k + 1, {"h": $ids[$k], "t": $st}) };
  $atEnd := function($pos) { $pos = $len or ($pos = $len - 1 and $lastIsNewline) };
  $close := function($st, $seen, $pos) {
    $not($exists($st)) ? $seen :
    ($st.h in $seen) ? $close($st.t, $seen, $pos) : (
      $s := $state($st.h);
      $seen2 := $append($seen, $st.h);
      $s.k = 'e' ? $close($push($append([], $s.o), 0, $st.t), $seen2, $pos) :
      ($s.k = '^' and $pos = 0) ? $close({"h": $s.o, "t": $st.t}, $seen2, $pos) :
      ($s.k = '$' and $atEnd($pos)) ? $close({"h": $s.o, "t": $st.t}, $seen2, $pos) :
      $close($st.t, $seen2, $pos)
    )
  };
  $step := function($acc, $ch, $pos) {
    ($acc.done or $count($acc.set) = 0) ? $acc :
    (0 in $acc.set) ? {"done": true, "set": []} : (
      $next := $append([], $map($acc.set, function($id) {( $s := $state($id); ($s.k = 'c' and $classHit($s, $ch)) ? $s.o : () )}));
      {"done": false, "set": $count($next) = 0 ? [] : $close($push($next, 0, ()), [], $pos + 1)}
    )
  };
  $final := $reduce($tx, $step, {"done": false, "set": $close({"h": $nfa.in}, [], 0)});
  $final.done or (0 in $final.set)
)}`;
