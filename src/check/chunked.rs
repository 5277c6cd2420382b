//! A list kept in blocks of at most `BLOCK` items: it grows without ever copying what it
//! holds. A group of a claim-dense article can gather tens of thousands of conflicts; one
//! vector of them was copied whole each time it outgrew its allocation, and while it was,
//! both copies were held (jemalloc copies large blocks where glibc remaps them).

/// Items per block: a power of two, so that a growing block's capacity ends exactly there.
const BLOCK: usize = 1024;

#[derive(Debug)]
pub(super) struct Chunked<T> {
    blocks: Vec<Vec<T>>,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked { blocks: Vec::new() }
    }
}

impl<T> Chunked<T> {
    pub(super) fn push(&mut self, item: T) {
        match self.blocks.last_mut() {
            Some(block) if block.len() < BLOCK => block.push(item),
            // The first block grows as a vector does: a small group stays small.
            _ => self.blocks.push(vec![item]),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        // A block is made with its first item.
        self.blocks.is_empty()
    }

    pub(super) fn get(&self, i: usize) -> Option<&T> {
        self.blocks.get(i / BLOCK)?.get(i % BLOCK)
    }

    pub(super) fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.blocks.get_mut(i / BLOCK)?.get_mut(i % BLOCK)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &T> {
        self.blocks.iter().flatten()
    }

    /// The index of the first item for which `pred` is false, the items being partitioned
    /// by it (as `slice::partition_point`).
    pub(super) fn partition_point(&self, pred: impl Fn(&T) -> bool) -> usize {
        let full = self.blocks.partition_point(|b| b.last().is_some_and(&pred));
        match self.blocks.get(full) {
            // Every block before it is full.
            Some(b) => full * BLOCK + b.partition_point(&pred),
            None => self.len(),
        }
    }

    fn len(&self) -> usize {
        self.blocks
            .last()
            .map_or(0, |b| (self.blocks.len() - 1) * BLOCK + b.len())
    }

    /// Each item changed into another, a block at a time (each block reused in place when
    /// the types are of one size).
    pub(super) fn map<U>(self, f: impl Fn(T) -> U) -> Chunked<U> {
        Chunked {
            blocks: self
                .blocks
                .into_iter()
                .map(|b| b.into_iter().map(&f).collect())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunked_list_is_a_list() {
        for n in [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 7] {
            let mut list = Chunked::default();
            let plain: Vec<usize> = (0..n).map(|i| i * 3).collect();
            for &x in &plain {
                list.push(x);
            }
            assert_eq!(list.is_empty(), n == 0);
            assert!(list.iter().copied().eq(plain.iter().copied()), "{n}");
            assert_eq!(list.len(), n);
            assert!(list.blocks.iter().all(|b| b.len() <= BLOCK));
            for (i, x) in plain.iter().enumerate() {
                assert_eq!(list.get(i), Some(x));
            }
            assert_eq!(list.get(n), None);
            for cut in [0, 1, 2, 3 * BLOCK, 3 * n, 3 * n + 1] {
                assert_eq!(
                    list.partition_point(|&x| x < cut),
                    plain.partition_point(|&x| x < cut),
                    "{n} {cut}"
                );
            }
            let mut doubled = list.map(|x| Some(x * 2));
            if n > 0 {
                assert_eq!(
                    doubled.get_mut(n - 1).and_then(Option::take),
                    Some(plain[n - 1] * 2)
                );
                assert_eq!(doubled.get(n - 1), Some(&None));
            }
            assert_eq!(doubled.iter().count(), n);
        }
    }
}
