package ${package}.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One page of the partner's customer list.
 *
 * @param customers the page's entries in the order the API sent them
 * @param nextCursor where the next request starts; empty when the API sent none
 * @param hasMore whether the API has more customers right now
 */
record CustomerPage(List<JsonNode> customers, Optional<String> nextCursor, boolean hasMore) {

    CustomerPage {
        customers = List.copyOf(customers);
    }
}
