package io.aerie.namespace;

import io.aerie.ops.Bin;
import io.aerie.ops.BinList;
import io.aerie.storage.Digest;
import io.aerie.storage.Partition;
import io.aerie.storage.Record;
import io.aerie.storage.device.DeviceStore;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A namespace's index as its storage files see it: cold start fills it, defragmentation moves records through it. */
final class StorageIndex implements DeviceStore.Index {
    private final Namespace ns;

    StorageIndex(Namespace ns) {
        this.ns = ns;
    }

    @Override
    public byte @Nullable [] get(Digest digest) {
        return ns.partition(digest.partitionId()).get(digest);
    }

    @Override
    public void put(byte[] record, String setName, int storedLength) {
        Record.setSetId(record, setId(setName));
        BinList bins = BinList.decode(record, Record.binsOffset(record), Record.binCount(record));
        for (int i = 0; i < bins.size(); i++) {
            Bin b = bins.get(i);
            ns.bins().note(b.nameBuffer(), b.nameOffset(), b.nameLength());
        }
        store(ns.recordsOnDevice() ? Record.stub(record, Record.deviceAddress(record), storedLength) : record);
    }

    /** This process's id for a set name read from storage ("" = no set: 0), the set made if new. */
    private int setId(String setName) {
        if (setName.isEmpty()) {
            return 0;
        }
        SetInfo set = ns.sets().getOrCreate(setName);
        if (set == null) {
            throw new IllegalStateException("namespace " + ns.name() + " has no room for set " + setName);
        }
        return set.id();
    }

    /** Puts an index entry under its partition's lock and accounts for it. */
    private void store(byte[] entry) {
        Partition p = ns.partition(Digest.partitionId(entry, 0));
        p.lock();
        try {
            ns.accountSwap(p.put(entry), entry);
        } finally {
            p.unlock();
        }
    }

    @Override
    public void remove(Digest digest) {
        Partition p = ns.partition(digest.partitionId());
        p.lock();
        try {
            ns.accountSwap(p.remove(digest), null);
        } finally {
            p.unlock();
        }
    }

    @Override
    public void withRecord(Digest digest, Consumer<byte @Nullable []> action) {
        Partition p = ns.partition(digest.partitionId());
        p.lock();
        try {
            action.accept(p.get(digest));
        } finally {
            p.unlock();
        }
    }

    @Override
    public boolean holdsStubs() {
        return ns.recordsOnDevice();
    }

    @Override
    public void putStub(byte[] stub, String setName) {
        Record.setSetId(stub, setId(setName));
        store(stub);
    }

    @Override
    public void relocated(byte[] record, long address) {
        if (Record.isStub(record)) {
            ns.partition(Digest.partitionId(record, 0)).put(Record.restub(record, address));
        } else {
            Record.setDeviceAddress(record, address);
        }
    }

    @Override
    public byte[] setName(byte[] record) {
        return ns.setNameBytes(record);
    }

    @Override
    public void forEach(Consumer<byte[]> action) {
        for (int i = 0; i < Partition.COUNT; i++) {
            for (byte[] r : ns.partition(i).records()) {
                action.accept(r);
            }
        }
    }
}
