package io.aerie.tools.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.tools.harness.check.Outcome;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class OutcomesTest {
    private static AerospikeException sent(AerospikeException e, int attempts) {
        e.setInDoubt(true, attempts);
        return e;
    }

    @Test
    void aWriteInDoubtIsInfo() {
        AerospikeException e = sent(new AerospikeException(ResultCode.TIMEOUT), 1);
        assertThat(e.getInDoubt()).isTrue();
        assertThat(Outcomes.ofWriteError(e)).isEqualTo(Outcome.INFO);
    }

    @Test
    void aTimeoutIsInfoEvenWhenTheClientDoesNotFlagIt() {
        assertThat(Outcomes.ofWriteError(new AerospikeException.Timeout(new WritePolicy(), true)))
                .isEqualTo(Outcome.INFO);
        assertThat(Outcomes.ofWriteError(new AerospikeException(ResultCode.TIMEOUT)))
                .isEqualTo(Outcome.INFO);
    }

    @Test
    void aConnectionLostDuringAWriteIsInfo() {
        assertThat(Outcomes.ofWriteError(sent(new AerospikeException.Connection(new SocketException("reset")), 1)))
                .isEqualTo(Outcome.INFO);
        assertThat(Outcomes.ofWriteError(sent(new AerospikeException(ResultCode.SERVER_NOT_AVAILABLE), 1)))
                .isEqualTo(Outcome.INFO);
    }

    @Test
    void aConnectionThatFailedBeforeTheWriteWentOutIsFail() {
        AerospikeException refused = new AerospikeException.Connection(new SocketException("refused"));
        refused.setInDoubt(true, 0);
        assertThat(refused.getInDoubt()).isFalse();
        assertThat(Outcomes.ofWriteError(refused)).isEqualTo(Outcome.FAIL);
    }

    @Test
    void aDefiniteRefusalIsFail() {
        // The client marks a first attempt's server error as not in doubt: the server said no.
        assertThat(Outcomes.ofWriteError(sent(new AerospikeException(ResultCode.PARTITION_UNAVAILABLE), 1)))
                .isEqualTo(Outcome.FAIL);
        assertThat(Outcomes.ofWriteError(new AerospikeException(ResultCode.GENERATION_ERROR)))
                .isEqualTo(Outcome.FAIL);
        assertThat(Outcomes.ofWriteError(new AerospikeException.InvalidNode(5))).isEqualTo(Outcome.FAIL);
        assertThat(Outcomes.ofWriteError(new AerospikeException(ResultCode.KEY_BUSY)))
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void anErrorOutsideTheClientLeavesAWriteInDoubt() {
        assertThat(Outcomes.ofWriteError(new IllegalStateException("bug"))).isEqualTo(Outcome.INFO);
    }

    @Test
    void everyReadErrorIsFail() {
        assertThat(Outcomes.ofReadError(new AerospikeException.Timeout(new WritePolicy(), true)))
                .isEqualTo(Outcome.FAIL);
        assertThat(Outcomes.ofReadError(new AerospikeException(ResultCode.PARTITION_UNAVAILABLE)))
                .isEqualTo(Outcome.FAIL);
        assertThat(Outcomes.ofReadError(new IllegalStateException("bug"))).isEqualTo(Outcome.FAIL);
    }

    @Test
    void labelsNameTheError() {
        assertThat(Outcomes.label(new AerospikeException(ResultCode.PARTITION_UNAVAILABLE)))
                .isEqualTo("PARTITION_UNAVAILABLE(11)");
        assertThat(Outcomes.label(sent(new AerospikeException.Timeout(new WritePolicy(), true), 1)))
                .isEqualTo("client timeout in doubt");
        assertThat(Outcomes.label(new AerospikeException.Connection("closed"))).isEqualTo("connection");
        assertThat(Outcomes.label(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
