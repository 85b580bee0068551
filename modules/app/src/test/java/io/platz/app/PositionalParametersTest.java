package io.platz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A statement with five parameters or more binds them by name ({@code NamedParameters}): past four, a reader counts
 * {@code $n} against a {@code Tuple.of(...)} to see what goes where, and a value added in the middle shifts the rest.
 */
class PositionalParametersTest {

  private static final Pattern FIFTH_OR_LATER = Pattern.compile("\\$([5-9]|[1-9][0-9]+)(?![0-9])");
  private static final Path MODULES = Path.of("..").toAbsolutePath().normalize();

  @Test
  void noStatementOfTheProductCountsPastFourParameters() throws IOException {
    List<String> found;
    try (Stream<Path> files = Files.walk(MODULES)) {
      found = files.filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/main/java/"))
          .flatMap(PositionalParametersTest::linesCountingPastFour)
          .toList();
    }
    assertThat(found).as("statements to bind by name with NamedParameters").isEmpty();
  }

  @Test
  void theScanSeesTheProductsSources() throws IOException {
    try (Stream<Path> files = Files.walk(MODULES)) {
      assertThat(files.filter(file -> file.endsWith(Path.of("persistence/sql/NamedParameters.java")))).hasSize(1);
    }
  }

  private static Stream<String> linesCountingPastFour(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return IntStream.range(0, lines.size())
          .filter(i -> FIFTH_OR_LATER.matcher(lines.get(i)).find())
          .mapToObj(i -> MODULES.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
