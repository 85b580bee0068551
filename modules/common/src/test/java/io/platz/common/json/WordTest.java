package io.platz.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.common.deployments.DeploymentTaskStatus;
import io.platz.common.permissions.DeploymentRole;
import org.junit.jupiter.api.Test;

class WordTest {

  private enum Answer implements Word { NOT_FOUND, OK }

  @Test
  void aConstantIsSpelledInPascalCaseWordByWord() {
    assertThat(Answer.NOT_FOUND.jsonName()).isEqualTo("NotFound");
    assertThat(Word.names(Answer.values())).containsExactly("NotFound", "Ok");
    assertThat(DeploymentTaskStatus.NAMES).containsExactly("Pending", "Started", "Done", "Failed", "Canceled");
  }

  @Test
  void aWordReadsBackAsItsConstantAndAnUnknownOneIsRefused() {
    assertThat(DeploymentRole.fromJson("Maintainer")).isEqualTo(DeploymentRole.MAINTAINER);
    assertThatThrownBy(() -> DeploymentRole.fromJson("maintainer")).hasMessageContaining("maintainer");
  }
}
