package io.platz.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedParametersTest {

  @Test
  void namesBecomeTheirPositionsInBindingOrderAndCastsAreLeftAlone() {
    NamedParameters parameters = NamedParameters.of()
        .bind("ids", new String[] {"a"})
        .bind("at", 7);

    String sql = parameters.sql("SELECT :at::int, x::text FROM unnest(:ids::text[]) WHERE :at > 0 AND y = '{\"k\":1}'");

    assertThat(sql).isEqualTo("SELECT $2::int, x::text FROM unnest($1::text[]) WHERE $2 > 0 AND y = '{\"k\":1}'");
    assertThat(parameters.values().size()).isEqualTo(2);
    assertThat(parameters.values().getValue(1)).isEqualTo(7);
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
