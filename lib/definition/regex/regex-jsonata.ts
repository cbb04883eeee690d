/**
 * A regular-expression engine written in JSONata, so that `RetryErrorMatch` works inside the state machine:
 * Step Functions' JSONata cannot build a regex from a string at run time (`$eval` is unavailable).
 *
 * `$rxCompile(pattern)` parses the supported subset of Python `re` syntax into a tree (`{"tree": …, "sh": …}`), or
 * returns `{"e": reason}` for anything outside the subset; it is all ValidateInput needs.
 * `$rxMatch(compiled, text)` builds the Thompson NFA of the tree and tells whether `re.match(pattern, text)` would
 * match (anchored at the start of `text`, not at its end) by simulating it over the set of live states: time
 * O(len(text) × states), no back-tracking. Only the first {@link RX_TEXT_PREFIX} characters of `text` are looked at.
 *
 * Step Functions refuses JSONata evaluations nested deeper than 100 steps, so nothing here recurses on the
 * pattern's structure: the parser and the NFA builder are loops (tail calls, which JSONata runs without nesting)
 * over explicit stacks (`{"hd": …, "tl": …}` lists), and the matcher loops over the text. The evaluation depth is
 * therefore the same for every pattern (pinned by __tests__/definition/regex-depth.test.ts).
 *
 * Characters are code points, as in a Python str: `$substring`/`$length` count code points, and comparisons use
 * {@link KEY_FUNCTION}'s key, which orders characters above U+FFFF after all others (UTF-16 string comparison alone
 * would put them between U+D7FF and U+E000). `\d \w \s` follow Python's Unicode defaults (unicode-classes.ts).
 *
 * Parser: a loop over the pattern; a frame is one group being parsed: its finished alternatives (list `alts`, `na`
 * of them holding `za` states), the finished items of the current alternative (list `xs`, newest first, `z` states)
 * and the last item `pend`, which a quantifier may still apply to (`kind`: '' none, 'atom', 'anchor'). Tree nodes:
 * `c` class, `^` `$` anchors, `s` sequence, `a` alternation, `r` repeat `{min,max}` (max -1: unbounded); `z` is the
 * number of NFA states the node expands to.
 *
 * NFA builder: right to left, each node built knowing the id of the state that follows it (`nx`), by a loop over a
 * task stack (`todo`) and a stack of built entry ids (`vals`); `S` lists the states. State kinds: `m` match (id 0),
 * `c` consumes one character of a class, `e` epsilon split, `^` / `$` zero-width anchors.
 *
 * Matcher: the live set holds consuming states (and 0 once matched); a class state keeps its single characters in
 * `chars` (one native `in` test) apart from its ranges and shorthands. The epsilon closure of each transition target is
 * computed once (`$middle`) for the positions where no anchor can pass, and as it goes at the end of the text; a
 * character is tested once against each Unicode class it may need (`$F`), the tables being built at the first
 * non-ASCII character of a pattern that uses `\d \w \s`.
 */
import { DIGIT_RANGES, SPACE_RANGES, WORD_RANGES } from './unicode-classes';

/** Upper bound of `{m,n}` counts; keeps the expanded NFA small. */
export const RX_MAX_REPEAT = 100;
/** Upper bound of NFA states; bounds the matcher's work per character. */
export const RX_MAX_STATES = 300;
/** Upper bound of a pattern's length in characters (code points). */
export const RX_MAX_PATTERN_LENGTH = 500;
/** Upper bound of nested groups, e.g. `((a))` nests 2. */
export const RX_MAX_NESTING = 20;
/** Characters of the error text the pattern is matched against: `re.match(pattern, text[:RX_TEXT_PREFIX])`. */
export const RX_TEXT_PREFIX = 1000;

/** `$key(ch)`: a string that compares like the code point of `ch` (a character above U+FFFF gets a U+FFFF prefix). */
const KEY_FUNCTION = String.raw`$key := function($ch) { ($ch >= "\uD800" and $ch < "\uDC00") ? "\uFFFF" & $ch : $ch }`;

/** The key of one code point written as a JSONata string-literal body (`\uXXXX` escapes only). */
function keyLiteral(codePoint: number): string {
  const hex = (unit: number) => `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`;
  const units = String.fromCodePoint(codePoint);
  const escaped = Array.from({ length: units.length }, (_, i) => hex(units.charCodeAt(i))).join('');
  return codePoint > 0xffff ? `\\uFFFF${escaped}` : escaped;
}

/** The non-ASCII ranges as a JSONata string of keys `lo,hi,lo,hi,…` (ASCII is tested directly). */
function tableLiteral(ranges: ReadonlyArray<readonly [number, number]>): string {
  const wide = ranges.filter(([lo]) => lo >= 0x80);
  if (ranges.some(([lo, hi]) => lo < 0x80 && hi >= 0x80)) throw new Error('a Unicode class range crosses U+0080');
  return `"${wide.map(([lo, hi]) => `${keyLiteral(lo)},${keyLiteral(hi)}`).join(',')}"`;
}

/** JSONata bindings defining `$rxCompile`. Must be placed inside a `( ... )` block before use. */
export const RX_COMPILE_FUNCTION = String.raw`
$rxCompile := function($p) {(
  $n := $length($p);
  $C := $merge($append([{}], ($n > 0 and $n <= ${RX_MAX_PATTERN_LENGTH}) ? $map([0..$n - 1], function($i) { {$string($i): $substring($p, $i, 1)} }) : []));
  $c := function($i) { $lookup($C, $string($i)) };
  $err := function($i, $msg) { {"e": $msg & ' at position ' & $string($i)} };
  $isAlnum := function($ch) { ($ch >= 'a' and $ch <= 'z') or ($ch >= 'A' and $ch <= 'Z') or ($ch >= '0' and $ch <= '9') };
  ${KEY_FUNCTION};
  $ctl := {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\u000b"};
  $escLit := function($e) { $exists($lookup($ctl, $e)) ? $lookup($ctl, $e) : ($isAlnum($e) ? () : $e) };
  $one := function($ch) { {"lo": $key($ch), "hi": $key($ch)} };
  $cls := function($neg, $items) { {"t": "c", "neg": $neg, "items": $items, "z": 1} };
  $digits := function($i, $acc) { ($i < $n and $c($i) >= '0' and $c($i) <= '9') ? $digits($i + 1, $acc & $c($i)) : {"v": $acc, "p": $i} };
  $classAtom := function($i) {(
    $ch := $c($i);
    $ch = '\\' ? (
      $i + 1 >= $n ? $err($i, 'unterminated character set') : (
        $e := $c($i + 1);
        $e in ['d', 'w', 's'] ? {"item": {"sh": $e, "not": false}, "p": $i + 2} :
        $e in ['D', 'W', 'S'] ? {"item": {"sh": $lowercase($e), "not": true}, "p": $i + 2} :
        $exists($escLit($e)) ? {"item": $one($escLit($e)), "ch": $escLit($e), "p": $i + 2} :
        $err($i, 'unsupported escape \\' & $e)
      )
    ) : {"item": $one($ch), "ch": $ch, "p": $i + 1}
  )};
  $classItems := function($i, $items, $first, $neg) {(
    $ch := $c($i);
    $i >= $n ? $err($i, 'unterminated character set') :
    ($ch = ']' and $not($first)) ? {"n": $cls($neg, $items), "p": $i + 1} :
    (
      $a := $classAtom($i);
      $exists($a.e) ? $a :
      ($c($a.p) = '-' and $a.p + 1 < $n and $c($a.p + 1) != ']') ? (
        $b := $classAtom($a.p + 1);
        $exists($b.e) ? $b :
        ($exists($a.ch) and $exists($b.ch)) ? (
          $key($a.ch) > $key($b.ch) ? $err($i, 'bad character range ' & $a.ch & '-' & $b.ch) :
          $classItems($b.p, $append($items, {"lo": $key($a.ch), "hi": $key($b.ch)}), false, $neg)
        ) : $err($i, 'bad character range')
      ) : $classItems($a.p, $append($items, $a.item), false, $neg)
    )
  )};
  $escape := function($i) {(
    $e := $c($i);
    $i >= $n ? $err($i - 1, 'bad escape (end of pattern)') :
    $e in ['d', 'w', 's'] ? {"n": $cls(false, [{"sh": $e, "not": false}]), "p": $i + 1} :
    $e in ['D', 'W', 'S'] ? {"n": $cls(false, [{"sh": $lowercase($e), "not": true}]), "p": $i + 1} :
    $exists($escLit($e)) ? {"n": $cls(false, [$one($escLit($e))]), "p": $i + 1} :
    $err($i - 1, 'unsupported escape \\' & $e)
  )};
  $braces := function($i) {(
    $lo := $digits($i + 1, '');
    $lo.v = '' ? $err($i, 'unsupported use of { (escape a literal brace as \\{; write {0,n} rather than {,n})') :
    $c($lo.p) = '}' ? {"min": $number($lo.v), "max": $number($lo.v), "p": $lo.p + 1} :
    $c($lo.p) = ',' ? (
      $hi := $digits($lo.p + 1, '');
      $c($hi.p) != '}' ? $err($i, 'unsupported use of { (escape a literal brace as \\{)') :
      $hi.v = '' ? {"min": $number($lo.v), "max": -1, "p": $hi.p + 1} :
      $number($lo.v) > $number($hi.v) ? $err($i, 'min repeat greater than max repeat') :
      {"min": $number($lo.v), "max": $number($hi.v), "p": $hi.p + 1}
    ) : $err($i, 'unsupported use of { (escape a literal brace as \\{)')
  )};
  $atom := function($i) {(
    $ch := $c($i);
    $ch = '[' ? ($c($i + 1) = '^' ? $classItems($i + 2, [], true, true) : $classItems($i + 1, [], true, false)) :
    $ch = '.' ? {"n": $cls(true, [$one("\n")]), "p": $i + 1} :
    $ch = '^' ? {"n": {"t": "^", "z": 1}, "p": $i + 1, "anchor": true} :
    $ch = '$' ? {"n": {"t": "$", "z": 1}, "p": $i + 1, "anchor": true} :
    $ch = '\\' ? $escape($i + 1) :
    {"n": $cls(false, [$one($ch)]), "p": $i + 1}
  )};
  $frame := function($open) { {"na": 0, "za": 0, "z": 0, "kind": "", "open": $open} };
  $commit := function($f) {
    $exists($f.pend) ? {"alts": $f.alts, "na": $f.na, "za": $f.za, "xs": {"hd": $f.pend, "tl": $f.xs}, "z": $f.z + $f.pend.z, "kind": $f.kind, "open": $f.open} : $f
  };
  $withItem := function($f, $x, $kind) {(
    $g := $commit($f);
    {"alts": $g.alts, "na": $g.na, "za": $g.za, "xs": $g.xs, "z": $g.z, "pend": $x, "kind": $kind, "open": $g.open}
  )};
  $sequence := function($f) {( $g := $commit($f); {"t": "s", "xs": $g.xs, "z": $g.z} )};
  $bar := function($f) {( $s := $sequence($f); {"alts": {"hd": $s, "tl": $f.alts}, "na": $f.na + 1, "za": $f.za + $s.z, "z": 0, "kind": "", "open": $f.open} )};
  $group := function($f) {( $s := $sequence($f); $f.na = 0 ? $s : {"t": "a", "xs": {"hd": $s, "tl": $f.alts}, "n": $f.na + 1, "z": 1 + $f.za + $s.z} )};
  $quant := function($m) {(
    $i := $m.i;
    $f := $m.f;
    $ch := $c($i);
    $f.kind = '' ? ($ch = '{' ? $err($i, 'unsupported use of { (escape a literal brace as \\{)') : $err($i, 'nothing to repeat')) : (
      $q := $ch = '*' ? {"min": 0, "max": -1, "p": $i + 1} :
            $ch = '+' ? {"min": 1, "max": -1, "p": $i + 1} :
            $ch = '?' ? {"min": 0, "max": 1, "p": $i + 1} : $braces($i);
      $exists($q.e) ? $q :
      $f.kind = 'anchor' ? $err($i, 'nothing to repeat') :
      $c($q.p) in ['*', '+', '?', '{'] ? $err($q.p, 'multiple repeat (lazy, possessive and nested quantifiers are not supported)') :
      ($q.min > ${RX_MAX_REPEAT} or $q.max > ${RX_MAX_REPEAT}) ? $err($i, 'repeat count above ${RX_MAX_REPEAT}') : (
        $x := $f.pend;
        $z := $q.max = -1 ? $q.min * $x.z + 1 + $x.z : $q.min * $x.z + ($q.max - $q.min) * (1 + $x.z);
        $r := {"t": "r", "x": $x, "min": $q.min, "max": $q.max, "z": $z};
        {"i": $q.p, "f": {"alts": $f.alts, "na": $f.na, "za": $f.za, "xs": $f.xs, "z": $f.z, "pend": $r, "kind": "quant", "open": $f.open}, "up": $m.up, "d": $m.d, "sh": $m.sh}
      )
    )
  )};
  $parseStep := function($m) {(
    $i := $m.i;
    $f := $m.f;
    $ch := $c($i);
    $i >= $n ? ($exists($m.up) ? $err($m.f.open, 'missing ), unterminated subpattern') : {"done": true, "tree": $group($f), "sh": $m.sh}) :
    $ch = ')' ? (
      $exists($m.up) ? {"i": $i + 1, "f": $withItem($m.up.hd, $group($f), 'atom'), "up": $m.up.tl, "d": $m.d - 1, "sh": $m.sh} :
      $err($i, 'unbalanced parenthesis')
    ) :
    $ch = '|' ? {"i": $i + 1, "f": $bar($f), "up": $m.up, "d": $m.d, "sh": $m.sh} :
    $ch = '(' ? (
      $c($i + 1) = '?' ? $err($i, 'unsupported group syntax (?') :
      $m.d >= ${RX_MAX_NESTING} ? $err($i, 'more than ${RX_MAX_NESTING} nested groups') :
      {"i": $i + 1, "f": $frame($i), "up": {"hd": $f, "tl": $m.up}, "d": $m.d + 1, "sh": $m.sh}
    ) :
    $ch in ['*', '+', '?', '{'] ? $quant($m) : (
      $a := $atom($i);
      $exists($a.e) ? $a :
      {"i": $a.p, "f": $withItem($f, $a.n, $a.anchor ? 'anchor' : 'atom'), "up": $m.up, "d": $m.d, "sh": $m.sh or $exists($a.n.items.sh)}
    )
  )};
  $parse := function($m) { ($exists($m.e) or $m.done) ? $m : $parse($parseStep($m)) };
  $n > ${RX_MAX_PATTERN_LENGTH} ? {"e": 'pattern longer than ${RX_MAX_PATTERN_LENGTH} characters'} : (
    $r := $parse({"i": 0, "f": $frame(-1), "d": 0, "sh": false});
    $exists($r.e) ? $r :
    $r.tree.z + 1 > ${RX_MAX_STATES} ? {"e": 'pattern too large (more than ${RX_MAX_STATES} NFA states)'} :
    {"tree": $r.tree, "sh": $r.sh}
  )
)}`;

/** JSONata bindings defining `$rxMatch`. Must be placed inside a `( ... )` block before use. */
export const RX_MATCH_FUNCTION = String.raw`
$rxMatch := function($compiled, $text) {(
  ${KEY_FUNCTION};
  $state := function($id, $s, $m) { {"hd": {"id": $id, "s": $s}, "tl": $m.S} };
  $consume := function($x, $nx) {(
    $items := $append([], $x.items);
    ($count($items) = 1 and $not($exists($items.sh))) ? {"k": "c", "neg": $x.neg, "lo": $items.lo, "hi": $items.hi, "o": $nx} :
    {"k": "c", "neg": $x.neg, "chars": $append([], $items[lo = hi].lo), "items": $items[$not(lo = hi)], "o": $nx}
  )};
  $pushAll := function($l, $nx, $acc) { $exists($l) ? $pushAll($l.tl, $nx, {"hd": {"k": "e", "x": $l.hd, "nx": $nx}, "tl": $acc}) : $acc };
  $repeat := function($l, $x, $k) { $k <= 0 ? $l : $repeat({"hd": $x, "tl": $l}, $x, $k - 1) };
  $expand := function($r) {(
    $l := $repeat((), $r.x, $r.min);
    $r.max = -1 ? {"hd": {"t": "*", "x": $r.x}, "tl": $l} : $repeat($l, {"t": "?", "x": $r.x}, $r.max - $r.min)
  )};
  $popAll := function($vals, $k, $acc) { $k = 0 ? {"vals": $vals, "o": $acc} : $popAll($vals.tl, $k - 1, $append($acc, $vals.hd)) };
  $buildStep := function($m) {(
    $t := $m.todo.hd;
    $todo := $m.todo.tl;
    $id := $m.next;
    $t.k = 'e' ? (
      $x := $t.x;
      $x.t = 'c' ? {"todo": $todo, "vals": {"hd": $id, "tl": $m.vals}, "S": $state($id, $consume($x, $t.nx), $m), "next": $id + 1} :
      ($x.t = '^' or $x.t = '$') ? {"todo": $todo, "vals": {"hd": $id, "tl": $m.vals}, "S": $state($id, {"k": $x.t, "o": $t.nx}, $m), "next": $id + 1} :
      $x.t = 's' ? {"todo": {"hd": {"k": "sq", "l": $x.xs}, "tl": $todo}, "vals": {"hd": $t.nx, "tl": $m.vals}, "S": $m.S, "next": $id} :
      $x.t = 'r' ? {"todo": {"hd": {"k": "sq", "l": $expand($x)}, "tl": $todo}, "vals": {"hd": $t.nx, "tl": $m.vals}, "S": $m.S, "next": $id} :
      $x.t = 'a' ? {"todo": $pushAll($x.xs, $t.nx, {"hd": {"k": "alt", "id": $id, "n": $x.n}, "tl": $todo}), "vals": $m.vals, "S": $m.S, "next": $id + 1} :
      $x.t = '*' ? {"todo": {"hd": {"k": "e", "x": $x.x, "nx": $id}, "tl": {"hd": {"k": "split", "id": $id, "nx": $t.nx}, "tl": $todo}}, "vals": $m.vals, "S": $m.S, "next": $id + 1} :
      {"todo": {"hd": {"k": "e", "x": $x.x, "nx": $t.nx}, "tl": {"hd": {"k": "split", "id": $id, "nx": $t.nx}, "tl": $todo}}, "vals": $m.vals, "S": $m.S, "next": $id + 1}
    ) :
    $t.k = 'sq' ? (
      $exists($t.l) ? {"todo": {"hd": {"k": "e", "x": $t.l.hd, "nx": $m.vals.hd}, "tl": {"hd": {"k": "sq", "l": $t.l.tl}, "tl": $todo}}, "vals": $m.vals.tl, "S": $m.S, "next": $id} :
      {"todo": $todo, "vals": $m.vals, "S": $m.S, "next": $id}
    ) :
    $t.k = 'split' ? {"todo": $todo, "vals": {"hd": $t.id, "tl": $m.vals.tl}, "S": $state($t.id, {"k": "e", "o": [$m.vals.hd, $t.nx]}, $m), "next": $id} : (
      $p := $popAll($m.vals, $t.n, []);
      {"todo": $todo, "vals": {"hd": $t.id, "tl": $p.vals}, "S": $state($t.id, {"k": "e", "o": $p.o}, $m), "next": $id}
    )
  )};
  $build := function($m) { $exists($m.todo) ? $build($buildStep($m)) : $m };
  $collect := function($l, $acc) { $exists($l) ? $collect($l.tl, $append($acc, {$string($l.hd.id): $l.hd.s})) : $merge($acc) };
  $nfa := $build({"todo": {"hd": {"k": "e", "x": $compiled.tree, "nx": 0}}, "next": 1});
  $S := $collect($nfa.S, [{"0": {"k": "m"}}]);
  $get := function($id) { $lookup($S, $string($id)) };
  $t := $substring($text, 0, ${RX_TEXT_PREFIX});
  $len := $length($t);
  $lastIsNewline := $len > 0 and $substring($t, $len - 1, 1) = "\n";
  $atEnd := function($pos) { $pos >= 0 and ($pos = $len or ($pos = $len - 1 and $lastIsNewline)) };
  $index := function($keys) {( $a := $split($keys, ','); $merge($append([{"n": $count($a)}], $map($a, function($v, $i) { {$string($i): $v} }))) )};
  $tables := function() { {"d": $index(${tableLiteral(DIGIT_RANGES)}), "w": $index(${tableLiteral(WORD_RANGES)}), "s": $index(${tableLiteral(SPACE_RANGES)})} };
  $find := function($T, $k, $lo, $hi) {
    $lo >= $hi ? $lo : (
      $mid := $floor(($lo + $hi + 1) / 2);
      $lookup($T, $string($mid)) <= $k ? $find($T, $k, $mid, $hi) : $find($T, $k, $lo, $mid - 1)
    )
  };
  $inTable := function($T, $k) {(
    $j := $find($T, $k, -1, $T.n - 1);
    $j >= 0 and ($j % 2 = 0 ? $k <= $lookup($T, $string($j + 1)) : $k = $lookup($T, $string($j)))
  )};
  $inAscii := function($sh, $ch) {
    $sh = 'd' ? ($ch >= '0' and $ch <= '9') :
    $sh = 'w' ? (($ch >= 'a' and $ch <= 'z') or ($ch >= 'A' and $ch <= 'Z') or ($ch >= '0' and $ch <= '9') or $ch = '_') :
    ($ch = ' ' or ($ch >= "\t" and $ch <= "\r") or ($ch >= "\u001c" and $ch <= "\u001f"))
  };
  $itemHit := function($it, $ch, $k, $F) {
    $exists($it.sh) ? (($ch < "\u0080" ? $inAscii($it.sh, $ch) : $lookup($F, $it.sh)) != $it.not) :
    ($k >= $it.lo and $k <= $it.hi)
  };
  $classHit := function($s, $ch, $k, $F) {
    (
      $exists($s.lo) ? ($k >= $s.lo and $k <= $s.hi) :
      ($k in $s.chars) or ($exists($s.items) and $count($filter($s.items, function($it) { $itemHit($it, $ch, $k, $F) })) > 0)
    ) != $s.neg
  };
  $onto := function($ids, $list) { $reduce($append([], $ids), function($acc, $id) { {"hd": $id, "tl": $acc} }, {"tl": $list}) };
  $close := function($st, $seen, $pos) {
    $not($exists($st)) ? $seen :
    ($not($exists($st.hd)) or $st.hd in $seen) ? $close($st.tl, $seen, $pos) : (
      $s := $get($st.hd);
      $seen2 := $append($seen, $st.hd);
      $s.k = 'e' ? $close($onto($s.o, $st.tl), $seen2, $pos) :
      (($s.k = '^' and $pos = 0) or ($s.k = '$' and $atEnd($pos))) ? $close({"hd": $s.o, "tl": $st.tl}, $seen2, $pos) :
      $close($st.tl, $seen2, $pos)
    )
  };
  $live := function($ids) { $filter($ids, function($id) { $id = 0 or $get($id).k = 'c' }) };
  $middle := $merge($append([{}], $distinct($filter($each($S, function($s) { $s.k = 'c' ? $s.o : () }), function($o) { $exists($o) })).(
    {$string($): $live($close({"hd": $}, [], -1))}
  )));
  $special := function($pos) { $pos = 0 or $atEnd($pos) };
  $run := function($set, $pos, $rest, $U) {
    (0 in $set) ? true :
    ($pos >= $len or $count($set) = 0) ? false : (
      $ch := $substring($rest, 0, 1);
      $k := $key($ch);
      $wide := $compiled.sh and $ch >= "\u0080";
      $U2 := ($wide and $not($exists($U))) ? $tables() : $U;
      $F := $wide ? {"d": $inTable($U2.d, $k), "w": $inTable($U2.w, $k), "s": $inTable($U2.s, $k)} : {};
      $hits := $distinct($set.( $s := $get($); $classHit($s, $ch, $k, $F) ? $s.o : () ));
      $next := $special($pos + 1) ? $live($close($onto($hits, ()), [], $pos + 1)) : $distinct($hits.$lookup($middle, $string($)));
      $run($append([], $next), $pos + 1, $substring($rest, 1), $U2)
    )
  };
  $run($append([], $live($close({"hd": $nfa.vals.hd}, [], 0))), 0, $t, ())
)}`;
