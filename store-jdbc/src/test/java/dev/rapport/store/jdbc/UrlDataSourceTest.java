package dev.rapport.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class UrlDataSourceTest {
  @Test
  void opens_connections_to_its_url() throws SQLException {
    UrlDataSource h2 = UrlDataSource.of("jdbc:h2:mem:url-data-source");

    assertThat(h2.url()).isEqualTo("jdbc:h2:mem:url-data-source");
    try (Connection c = h2.getConnection()) {
      assertThat(c.getMetaData().getURL()).isEqualTo("jdbc:h2:mem:url-data-source");
    }
  }

  @Test
  void refuses_what_is_not_a_jdbc_url() {
    assertThatThrownBy(() -> UrlDataSource.of("h2:file:./db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("UrlDataSource.of(url): 'h2:file:./db' is not a JDBC URL; give one that "
            + "starts with jdbc:, such as jdbc:h2:file:./rapport-db");
    assertThatThrownBy(() -> UrlDataSource.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("UrlDataSource.of(url): url is null;");
  }
}
