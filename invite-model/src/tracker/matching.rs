//! The assignment problem behind attribution: joins on one side, uses on the other (one *slot*
//! per use), an edge where a join may have made a use. Every use must be some join's (the
//! tracker's closed-world assumption); a join may have made none. Which assignments exist is
//! answered from one maximum matching and the strongly connected components of its residual
//! graph, without enumerating assignments:
//!
//! - a join can be without a use in some assignment iff it is unmatched, or it lies in the
//!   source's component (an alternating cycle through the source frees it);
//! - a join can have made use `s` in some assignment iff it is matched to `s`, or the edge is
//!   allowed and both lie in one component (an alternating cycle moves it there).
//!
//! Both are the classical "edge in some maximum flow" test: an edge carries flow in some maximum
//! flow iff it carries it in this one or its ends lie on a cycle of the residual graph. Every
//! maximum flow saturates every slot here (that is checked first), so maximum flows and
//! assignments are the same thing.
//!
//! Cost: the matching is Kuhn's algorithm, O(J·E) for J joins and E allowed edges; the
//! components are Tarjan's algorithm, O(J + S + E). Both are iterative (no recursion) and
//! allocate O(J + S). The graph is implicit: each join's slots are a contiguous index range
//! filtered by `allowed`, so no edge list is stored.

use alloc::vec;
use alloc::vec::Vec;

/// A join's candidate slots: `start..end`, filtered by the graph's `allowed`.
pub(crate) type SlotRange = (u32, u32);

/// The bipartite graph: `ranges[j]` are join `j`'s candidate slots, `allowed(j, s)` says whether
/// the edge exists.
pub(crate) struct Graph<'g, F: Fn(usize, usize) -> bool> {
    pub(crate) ranges: &'g [SlotRange],
    pub(crate) slots: usize,
    pub(crate) allowed: F,
}

const NONE: u32 = u32::MAX;

/// A maximum matching.
pub(crate) struct Matching {
    /// The slot of each join, or `NONE`.
    join_slot: Vec<u32>,
    /// The join of each slot, or `NONE`.
    slot_join: Vec<u32>,
}

impl Matching {
    /// The slots no join is matched to.
    pub(crate) fn free_slots(&self) -> impl Iterator<Item = usize> + '_ {
        self.slot_join
            .iter()
            .enumerate()
            .filter(|&(_, &j)| j == NONE)
            .map(|(s, _)| s)
    }
}

impl<F: Fn(usize, usize) -> bool> Graph<'_, F> {
    fn joins(&self) -> usize {
        self.ranges.len()
    }

    /// A maximum matching (Kuhn's algorithm after a greedy pass).
    pub(crate) fn max_matching(&self) -> Matching {
        let mut m = Matching {
            join_slot: vec![NONE; self.joins()],
            slot_join: vec![NONE; self.slots],
        };
        for (j, &(lo, hi)) in self.ranges.iter().enumerate() {
            if let Some(s) =
                (lo..hi).find(|&s| m.slot_join[s as usize] == NONE && (self.allowed)(j, s as usize))
            {
                m.join_slot[j] = s;
                m.slot_join[s as usize] = j as u32;
            }
        }
        let mut seen = vec![0u32; self.slots];
        let mut stamp = 0u32;
        let mut stack: Vec<(u32, u32)> = Vec::new();
        let mut via: Vec<u32> = Vec::new();
        for root in 0..self.joins() {
            if m.join_slot[root] != NONE {
                continue;
            }
            stamp += 1;
            self.augment(root, &mut m, &mut seen, stamp, &mut stack, &mut via);
        }
        m
    }

    /// Looks for an augmenting path from the unmatched `root` (depth first, without
    /// recursion) and flips it; false if there is none.
    fn augment(
        &self,
        root: usize,
        m: &mut Matching,
        seen: &mut [u32],
        stamp: u32,
        stack: &mut Vec<(u32, u32)>,
        via: &mut Vec<u32>,
    ) -> bool {
        stack.clear();
        via.clear();
        stack.push((root as u32, self.ranges[root].0));
        while let Some(top) = stack.last_mut() {
            let j = top.0 as usize;
            let hi = self.ranges[j].1;
            let mut next = None;
            while top.1 < hi {
                let s = top.1;
                top.1 += 1;
                if seen[s as usize] != stamp && (self.allowed)(j, s as usize) {
                    next = Some(s);
                    break;
                }
            }
            let Some(s) = next else {
                stack.pop();
                via.pop();
                continue;
            };
            seen[s as usize] = stamp;
            let owner = m.slot_join[s as usize];
            if owner != NONE {
                stack.push((owner, self.ranges[owner as usize].0));
                via.push(s);
                continue;
            }
            // Flip the path: the deepest join takes `s`, each join above takes the slot the
            // one below it held.
            let mut slot = s;
            for k in (0..stack.len()).rev() {
                let join = stack[k].0;
                m.join_slot[join as usize] = slot;
                m.slot_join[slot as usize] = join;
                if k > 0 {
                    slot = via[k - 1];
                }
            }
            return true;
        }
        false
    }

    /// The strongly connected components of the residual graph of `m` (which must match every
    /// slot): node 0 is the source, `1 + j` join `j`, `1 + J + s` slot `s`. Returns a component
    /// id per node.
    pub(crate) fn components(&self, m: &Matching) -> Components {
        let joins = self.joins();
        let nodes = 1 + joins + self.slots;
        let mut index = vec![NONE; nodes];
        let mut low = vec![0u32; nodes];
        let mut on_stack = vec![false; nodes];
        let mut comp = vec![NONE; nodes];
        let mut stack: Vec<u32> = Vec::new();
        // (node, cursor): the cursor walks the node's out-edges.
        let mut call: Vec<(u32, u32)> = Vec::new();
        let mut next_index = 0u32;
        let mut next_comp = 0u32;
        for start in 0..nodes {
            if index[start] != NONE {
                continue;
            }
            call.push((start as u32, 0));
            index[start] = next_index;
            low[start] = next_index;
            next_index += 1;
            stack.push(start as u32);
            on_stack[start] = true;
            while let Some(&mut (v, ref mut cursor)) = call.last_mut() {
                if let Some(w) = self.next_edge(m, v as usize, cursor) {
                    if index[w] == NONE {
                        index[w] = next_index;
                        low[w] = next_index;
                        next_index += 1;
                        stack.push(w as u32);
                        on_stack[w] = true;
                        call.push((w as u32, 0));
                    } else if on_stack[w] {
                        low[v as usize] = low[v as usize].min(index[w]);
                    }
                } else {
                    call.pop();
                    let v = v as usize;
                    if let Some(&(parent, _)) = call.last() {
                        let p = parent as usize;
                        low[p] = low[p].min(low[v]);
                    }
                    if low[v] == index[v] {
                        while let Some(w) = stack.pop() {
                            on_stack[w as usize] = false;
                            comp[w as usize] = next_comp;
                            if w as usize == v {
                                break;
                            }
                        }
                        next_comp += 1;
                    }
                }
            }
        }
        Components { comp, joins }
    }

    /// The next out-edge of node `v` in the residual graph, advancing `cursor`.
    fn next_edge(&self, m: &Matching, v: usize, cursor: &mut u32) -> Option<usize> {
        let joins = self.joins();
        if v == 0 {
            // Source → every unmatched join.
            while (*cursor as usize) < joins {
                let j = *cursor as usize;
                *cursor += 1;
                if m.join_slot[j] == NONE {
                    return Some(1 + j);
                }
            }
            return None;
        }
        if v <= joins {
            let j = v - 1;
            // A matched join → source (cancelling its unit of flow); then → each allowed slot
            // it is not matched to.
            if *cursor == 0 {
                *cursor = 1;
                if m.join_slot[j] != NONE {
                    return Some(0);
                }
            }
            let (lo, hi) = self.ranges[j];
            while lo + *cursor - 1 < hi {
                let s = lo + *cursor - 1;
                *cursor += 1;
                if m.join_slot[j] != s && (self.allowed)(j, s as usize) {
                    return Some(1 + joins + s as usize);
                }
            }
            return None;
        }
        // A slot → the join matched to it.
        let s = v - 1 - joins;
        if *cursor == 0 {
            *cursor = 1;
            let j = m.slot_join[s];
            if j != NONE {
                return Some(1 + j as usize);
            }
        }
        None
    }
}

/// Component ids of the residual graph's nodes.
pub(crate) struct Components {
    comp: Vec<u32>,
    joins: usize,
}

impl Components {
    /// Whether join `j` can be without a use in some assignment (given the matching these
    /// components came from).
    pub(crate) fn avoidable(&self, m: &Matching, j: usize) -> bool {
        m.join_slot[j] == NONE || self.comp[1 + j] == self.comp[0]
    }

    /// Whether join `j` can have made use `s` in some assignment (`allowed(j, s)` must hold).
    pub(crate) fn can_take(&self, m: &Matching, j: usize, s: usize) -> bool {
        m.join_slot[j] as usize == s || self.comp[1 + j] == self.comp[1 + self.joins + s]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every assignment of joins to slots (or none) that uses every slot exactly once, by brute
    /// force.
    fn brute(
        ranges: &[SlotRange],
        slots: usize,
        allowed: &dyn Fn(usize, usize) -> bool,
    ) -> Vec<Vec<Option<usize>>> {
        fn go(
            j: usize,
            ranges: &[SlotRange],
            allowed: &dyn Fn(usize, usize) -> bool,
            used: &mut Vec<bool>,
            cur: &mut Vec<Option<usize>>,
            out: &mut Vec<Vec<Option<usize>>>,
        ) {
            if j == ranges.len() {
                if used.iter().all(|&u| u) {
                    out.push(cur.clone());
                }
                return;
            }
            cur.push(None);
            go(j + 1, ranges, allowed, used, cur, out);
            cur.pop();
            for s in ranges[j].0..ranges[j].1 {
                let s = s as usize;
                if !used[s] && allowed(j, s) {
                    used[s] = true;
                    cur.push(Some(s));
                    go(j + 1, ranges, allowed, used, cur, out);
                    cur.pop();
                    used[s] = false;
                }
            }
        }
        let mut out = Vec::new();
        go(
            0,
            ranges,
            allowed,
            &mut vec![false; slots],
            &mut Vec::new(),
            &mut out,
        );
        out
    }

    /// A small pseudo-random generator (xorshift), so the test needs no dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    #[test]
    fn agrees_with_brute_force_on_random_graphs() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut checked = 0;
        for _ in 0..3000 {
            let joins = 1 + rng.next(6) as usize;
            let slots = rng.next(joins as u64 + 1) as usize;
            let ranges: Vec<SlotRange> = (0..joins)
                .map(|_| {
                    let a = rng.next(slots as u64 + 1) as u32;
                    let b = rng.next(slots as u64 + 1) as u32;
                    (a.min(b), a.max(b))
                })
                .collect();
            let mask: Vec<u64> = (0..joins).map(|_| rng.next(1 << slots.max(1))).collect();
            let allowed = |j: usize, s: usize| mask[j] & (1 << s) == 0;
            let g = Graph {
                ranges: &ranges,
                slots,
                allowed,
            };
            let m = g.max_matching();
            let all = brute(&ranges, slots, &allowed);
            assert_eq!(
                m.free_slots().next().is_none(),
                !all.is_empty(),
                "{ranges:?}"
            );
            if all.is_empty() {
                continue;
            }
            checked += 1;
            let c = g.components(&m);
            for j in 0..joins {
                let can_be_none = all.iter().any(|a| a[j].is_none());
                assert_eq!(
                    c.avoidable(&m, j),
                    can_be_none,
                    "join {j} of {ranges:?} {mask:?}"
                );
                for s in ranges[j].0..ranges[j].1 {
                    let s = s as usize;
                    if !allowed(j, s) {
                        continue;
                    }
                    let possible = all.iter().any(|a| a[j] == Some(s));
                    assert_eq!(
                        c.can_take(&m, j, s),
                        possible,
                        "join {j} slot {s} of {ranges:?} {mask:?}"
                    );
                }
            }
        }
        assert!(checked > 1000, "only {checked} feasible graphs");
    }

    #[test]
    fn long_augmenting_chains_need_no_recursion() {
        // Join j < n - 1 may take slots j and j + 1, the last join only slot 0: the greedy pass
        // gives each join j slot j, leaving the last one out, and its augmenting path runs
        // through every other join.
        let n = 20_000;
        let ranges: Vec<SlotRange> = (0..n)
            .map(|j| {
                if j + 1 == n {
                    (0, 1)
                } else {
                    (j as u32, j as u32 + 2)
                }
            })
            .collect();
        let g = Graph {
            ranges: &ranges,
            slots: n,
            allowed: |_, _| true,
        };
        let m = g.max_matching();
        assert_eq!(m.free_slots().count(), 0);
        let c = g.components(&m);
        assert!((0..n).all(|j| !c.avoidable(&m, j)));
    }
}
