"""The live mirror's real-time core, without Qt: capture, tracking and compositing threads
handing frames over through latest-value slots.
"""
