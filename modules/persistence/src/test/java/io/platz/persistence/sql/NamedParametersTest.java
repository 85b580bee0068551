package io.platz.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamedParametersTest {

  @Test
  void namesBecomeTheirPositionsAfterTheWrappedStatementsOwnAndCastsAreLeftAlone() {
    NamedParameters parameters = NamedParameters.after(Tuple.of("kept"))
        .bind("ids", new String[] {"a"})
        .bind("at", 7);

    String sql = parameters.sql("SELECT $1, :at::int, x::text FROM unnest(:ids::text[]) WHERE :at > 0");

    assertThat(sql).isEqualTo("SELECT $1, $3::int, x::text FROM unnest($2::text[]) WHERE $3 > 0");
    assertThat(parameters.values().size()).isEqualTo(3);
    assertThat(parameters.values().getValue(2)).isEqualTo(7);
  }

  @Test
  void aNameUsedButNotBoundOrBoundButNotUsedOrBoundTwiceIsRefused() {
    assertThatThrownBy(() -> NamedParameters.of().bind("a", 1).sql("SELECT :a, :b"))
        .hasMessageContaining(":b is not bound");
    assertThatThrownBy(() -> NamedParameters.of().bind("a", 1).bind("b", 2).sql("SELECT :a"))
        .hasMessageContaining(List.of("b").toString());
    assertThatThrownBy(() -> NamedParameters.of().bind("a", 1).bind("a", 2)).hasMessageContaining("bound twice");
  }
}
