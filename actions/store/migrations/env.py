from alembic import context

from actions.store.db import engine
from actions.store.models import Base

connectable = context.config.attributes.get("engine") or engine()
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
