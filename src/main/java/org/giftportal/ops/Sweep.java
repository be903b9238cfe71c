package org.giftportal.ops;

/**
 * One kind of row that housekeeping forgets: a feature's own, which only the feature knows. Housekeeping runs every
 * bean of this type and names none of them, so a feature with rows to forget plugs in without housekeeping (or this
 * package) knowing it.
 */
public interface Sweep {

    /**
     * Forgets at most {@code batch} rows nobody needs any more; returns how many went. Fewer than {@code batch} means
     * nothing is left for now. Runs on every instance at once: each call must be safe beside another's.
     */
    int forget(int batch);
}
